package edu.cs224n.vectors;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word vectors as one matrix with a word index, for similarity and nearest-neighbour queries under either metric:
 * cosine (what word vectors are usually compared with) or Euclidean distance (what a Siamese network learns).
 */
public final class VectorSpace {
    public enum Metric { COSINE, EUCLIDEAN }

    public record Neighbour(String word, double similarity) {}

    private final List<String> words;
    private final Map<String, Integer> index = new HashMap<>();
    private final float[][] rows;
    private final INDArray matrix;
    private final INDArray unit;

    public VectorSpace(WordVectors vectors) {
        this.words = vectors.words();
        for (int i = 0; i < words.size(); i++) index.put(words.get(i), i);
        this.matrix = vectors.matrix(words);
        this.rows = matrix.toFloatMatrix();
        INDArray norms = matrix.norm2(1).reshape(-1, 1).addi(1e-12);
        this.unit = matrix.divColumnVector(norms);
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    public int size() {
        return words.size();
    }

    /** Higher = more similar: the cosine, or minus the Euclidean distance. */
    public double similarity(String a, String b, Metric metric) {
        float[] x = row(a), y = row(b);
        if (metric == Metric.EUCLIDEAN) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (double) (x[i] - y[i]);
            return -Math.sqrt(s);
        }
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * (double) y[i];
            nx += x[i] * (double) x[i];
            ny += y[i] * (double) y[i];
        }
        return dot / Math.sqrt(nx * ny + 1e-24);
    }

    /** The {@code k} words most similar to {@code word}, itself excluded. */
    public List<Neighbour> neighbours(String word, int k, Metric metric) {
        int q = index.get(requireWord(word));
        double[] score;
        if (metric == Metric.COSINE) {
            score = unit.mmul(unit.getRow(q).reshape(-1, 1)).toDoubleVector();
        } else {
            INDArray diff = matrix.subRowVector(matrix.getRow(q));
            score = Transforms.sqrt(diff.muli(diff).sum(1), false).neg().toDoubleVector();
        }
        List<Integer> best = new ArrayList<>();
        java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>((i, j) -> Double.compare(score[i], score[j]));
        for (int i = 0; i < score.length; i++) {
            if (i == q) continue;
            heap.add(i);
            if (heap.size() > k) heap.poll();
        }
        while (!heap.isEmpty()) best.add(0, heap.poll());
        List<Neighbour> out = new ArrayList<>();
        for (int i : best) out.add(new Neighbour(words.get(i), score[i]));
        return out;
    }

    private float[] row(String word) {
        return rows[index.get(requireWord(word))];
    }

    private String requireWord(String word) {
        if (!index.containsKey(word)) throw new IllegalArgumentException("'" + word + "' is not in the vocabulary of the vectors");
        return word;
    }
}
