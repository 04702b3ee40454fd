package edu.cs224n.vectors;

import edu.cs224n.data.InputFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Word vectors in text format: GloVe (word v1 .. vd per line) or word2vec text (the same after a
 * "count dim" header line). Bad lines are errors naming the file and line.
 */
public record WordVectors(int dim, Map<String, float[]> vectors) {

    public static WordVectors readText(Path file) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        int dim = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] parts = line.trim().split(" ");
                if (lineNo == 1 && parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) continue; // word2vec header
                if (dim < 0) dim = parts.length - 1;
                if (dim < 1 || parts.length - 1 != dim) {
                    throw new InputFormatException(file.toString(), lineNo, "expected a word and " + Math.max(dim, 1) + " numbers separated by spaces, found " + parts.length + " fields");
                }
                float[] v = new float[dim];
                try {
                    for (int i = 0; i < dim; i++) v[i] = Float.parseFloat(parts[i + 1]);
                } catch (NumberFormatException e) {
                    throw new InputFormatException(file.toString(), lineNo, "not a number: " + e.getMessage());
                }
                vectors.putIfAbsent(parts[0], v);
            }
        }
        if (dim < 0) throw new InputFormatException(file.toString(), 1, "no vectors in file");
        return new WordVectors(dim, vectors);
    }
}
