package edu.cs224n.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * The forward pass of a time-distributed dense layer with leaky ReLU, max(v, slope v) for slope < 1, for inference:
 * one gemm, then bias, activation and the change of row order in one Java loop (ND4J's broadcast add, activation and
 * permute-and-copy each pass over the whole output).
 */
public final class DenseInference {
    private DenseInference() {}

    /**
     * leakyRelu(x W + b) of time-major rows x [T * B, nIn] (row t * B + s is position t of sequence s), as rows ordered by
     * sequence: [B * T, nOut], row s * T + t (c-ordered).
     */
    public static INDArray leakyReluBySequence(INDArray x, INDArray w, INDArray bias, float slope, int t, int b) {
        if (!(slope < 1)) throw new IllegalArgumentException("max(v, slope v) is leaky ReLU only for slope < 1, got " + slope);
        int out = (int) w.size(1);
        INDArray h = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), out);
        Gemm.gemm(x.castTo(DataType.FLOAT), w.castTo(DataType.FLOAT), h, false, false, 1.0, 0.0);
        float[] bv = Gemm.hostFloats(bias), row = new float[out];
        INDArray bySequence = Nd4j.createUninitialized(DataType.FLOAT, new long[] {(long) b * t, out}, 'c');
        FloatBuffer hb = Gemm.floatBuffer(h), ob = Gemm.floatBuffer(bySequence);
        for (int step = 0; step < t; step++) {
            for (int s = 0; s < b; s++) {
                hb.position((step * b + s) * out).get(row);
                for (int f = 0; f < out; f++) {
                    float v = row[f] + bv[f];
                    row[f] = Math.max(v, slope * v);
                }
                ob.position((s * t + step) * out).put(row);
            }
        }
        return bySequence;
    }
}
