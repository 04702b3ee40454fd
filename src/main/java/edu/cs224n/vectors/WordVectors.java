package edu.cs224n.vectors;

import edu.cs224n.data.InputFormatException;
import edu.cs224n.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors in file order: GloVe text (word v1 .. vd per line), word2vec text (the same after a "count dim"
 * header line) or word2vec binary (the original C tool's format: the header, then per word its bytes, a space and
 * dim little-endian float32). Bad lines are errors naming the file and line (or byte offset).
 */
public record WordVectors(int dim, Map<String, float[]> vectors) {

    public WordVectors {
        vectors = Collections.unmodifiableMap(vectors);
    }

    /** Text or binary, told apart by content: a binary file has non-text bytes after its header. */
    public static WordVectors read(Path file) throws IOException {
        return looksBinary(file) ? readBinary(file) : readText(file);
    }

    public List<String> words() {
        return new ArrayList<>(vectors.keySet());
    }

    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    /** The vectors of {@code words} as the rows of a {@code [words, dim]} matrix (every word must be present). */
    public INDArray matrix(List<String> words) {
        float[][] rows = new float[words.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = vectors.get(words.get(i));
            if (rows[i] == null) throw new IllegalArgumentException("no vector for '" + words.get(i) + "'");
        }
        return Nd4j.createFromArray(rows);
    }

    /** Keeps the words a filter accepts (e.g. lowercase-only), in file order. */
    public WordVectors restrict(java.util.function.Predicate<String> keep) {
        Map<String, float[]> kept = new LinkedHashMap<>();
        vectors.forEach((w, v) -> {
            if (keep.test(w)) kept.put(w, v);
        });
        return new WordVectors(dim, kept);
    }

    /** Rows of {@code matrix} as vectors of {@code words}, in that order. */
    public static WordVectors of(List<String> words, INDArray matrix) {
        float[][] rows = matrix.toFloatMatrix();
        Map<String, float[]> map = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) map.put(words.get(i), rows[i]);
        return new WordVectors((int) matrix.size(1), map);
    }

    /** word2vec text format, written atomically. */
    public void writeText(Path target) throws IOException {
        AtomicFiles.write(target, raw -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            w.write(vectors.size() + " " + dim + "\n");
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                sb.setLength(0);
                sb.append(e.getKey());
                for (float x : e.getValue()) sb.append(' ').append(String.format(Locale.ROOT, "%.6f", x));
                w.write(sb.append('\n').toString());
            }
            w.flush();
        });
    }

    public static WordVectors readText(Path file) throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
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

    /**
     * word2vec binary. Read here rather than through DL4J's WordVectorSerializer, which loads into a Word2Vec model
     * with its own vocabulary order and reports format errors without a position.
     */
    public static WordVectors readBinary(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            String header = token(in, '\n');
            String[] h = header.trim().split(" ");
            if (h.length != 2 || !h[0].matches("\\d+") || !h[1].matches("\\d+")) {
                throw new InputFormatException(file.toString(), 1, "expected a word2vec binary header 'count dim', found '" + header.trim() + "'");
            }
            int count = Integer.parseInt(h[0]);
            int dim = Integer.parseInt(h[1]);
            if (dim < 1) throw new InputFormatException(file.toString(), 1, "dimension must be positive, found " + dim);
            Map<String, float[]> vectors = new LinkedHashMap<>();
            byte[] buf = new byte[4 * dim];
            for (int n = 0; n < count; n++) {
                String word;
                try {
                    word = token(in, ' ').strip(); // strip: some writers end each vector with '\n'
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new InputFormatException(file.toString(), n + 2, "the header promises " + count + " vectors but the file ends after " + n);
                }
                if (word.isEmpty()) throw new InputFormatException(file.toString(), n + 2, "vector " + (n + 1) + " has an empty word");
                float[] v = new float[dim];
                ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                vectors.putIfAbsent(word, v);
            }
            return new WordVectors(dim, vectors);
        }
    }

    private static String token(InputStream in, char end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != end) {
            if (b < 0) {
                if (bytes.size() == 0) throw new EOFException();
                break;
            }
            if (b == '\n' && end == ' ' && bytes.size() == 0) continue;
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean looksBinary(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] head = in.readNBytes(4096);
            int nl = 0;
            while (nl < head.length && head[nl] != '\n') nl++;
            for (int i = nl + 1; i < head.length; i++) {
                int b = head[i] & 0xff;
                if (b < 0x09 || (b > 0x0d && b < 0x20)) return true;
            }
            return false;
        }
    }
}
