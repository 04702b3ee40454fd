package edu.cs224n.nn;

/**
 * The element-wise part of one step of {@link GatedFeedbackRnnLayer}'s units for one layer, in float over whole column
 * blocks: the step's matrices are read into Java arrays in bulk (column-major, {@code mb} values a column), the
 * activations are {@link FloatActivations}' vectorised ones, and the results are written back in bulk. The double loops
 * of the layer do the same one element at a time through {@link HostMatrix#get} and {@code Math.exp}; they stay for
 * double networks (the gradient checks), this runs for float ones (training). Scratch arrays are kept between steps.
 * <p>GRU: [z | r] = sigmoid(a_zr + b_zr), c = tanh(a_c + b_c + r o R), h = hp + z o (c - hp); tanh unit: h = tanh(a + b + R);
 * both times the step's mask.
 */
final class FloatCell {
    private final int mb, h;
    private final boolean gru;
    private final float[] a, rec, hp, out, dh, ds, dhp;

    FloatCell(int mb, int h, boolean gru) {
        this.mb = mb;
        this.h = h;
        this.gru = gru;
        int n = mb * h;
        a = new float[(gru ? 3 : 1) * n];
        rec = new float[n];
        hp = new float[n];
        out = new float[n];
        dh = new float[n];
        ds = new float[n];
        dhp = new float[n];
    }

    /**
     * Forward: {@code aj} holds the step's input products ([mb, 3h] for the GRU, its z and r columns with hp V already
     * added; [mb, h] for tanh), {@code recSum} = R, {@code hpAll} columns [off, off + h) = the layer's previous state;
     * writes the state to {@code cur}'s columns [off, off + h) and, for a GRU in training, z, r, c and R to {@code store}.
     */
    void forward(HostMatrix aj, float[] bias, HostMatrix recSum, HostMatrix hpAll, int off, float[] mask, HostMatrix cur, HostMatrix[] store) {
        int n = mb * h, width = gru ? 3 * h : h;
        aj.readColumns(0, width, a, 0);
        recSum.readColumns(0, h, rec, 0);
        for (int col = 0; col < width; col++) {
            float bc = bias[col];
            for (int i = col * mb, end = i + mb; i < end; i++) a[i] += bc;
        }
        if (gru) {
            hpAll.readColumns(off, h, hp, 0);
            FloatActivations.sigmoid(a, 0, 2 * n);
            for (int i = 0; i < n; i++) a[2 * n + i] += a[n + i] * rec[i];
            FloatActivations.tanh(a, 2 * n, 3 * n);
            for (int k = 0; k < h; k++) {
                for (int b = 0, i = k * mb; b < mb; b++, i++) out[i] = (hp[i] + a[i] * (a[2 * n + i] - hp[i])) * mask[b];
            }
            if (store != null) {
                store[0].writeColumns(off, h, a, 0);
                store[1].writeColumns(off, h, a, n);
                store[2].writeColumns(off, h, a, 2 * n);
                store[3].writeColumns(off, h, rec, 0);
            }
        } else {
            for (int i = 0; i < n; i++) a[i] += rec[i];
            FloatActivations.tanh(a, 0, n);
            for (int k = 0; k < h; k++) {
                for (int b = 0, i = k * mb; b < mb; b++, i++) out[i] = a[i] * mask[b];
            }
        }
        cur.writeColumns(off, h, out, 0);
    }

    /**
     * Backward through the unit: dh = {@code dSt}'s columns [off, off + h) times the mask; writes da to {@code daj}
     * ([da_z | da_r | da_c] for the GRU, da for tanh), for a GRU dR to {@code dR} and dh o (1 - z) added to {@code dPrev}'s
     * columns [off, off + h); adds each column's sum of da to {@code biasGrad}. {@code curAll} (tanh) is the step's states.
     */
    void backward(HostMatrix dSt, int off, float[] mask, HostMatrix[] stored, HostMatrix hpAll, HostMatrix curAll,
                  HostMatrix daj, HostMatrix dR, HostMatrix dPrev, double[] biasGrad) {
        int n = mb * h;
        dSt.readColumns(off, h, dh, 0);
        for (int k = 0; k < h; k++) {
            for (int b = 0, i = k * mb; b < mb; b++, i++) dh[i] *= mask[b];
        }
        if (gru) {
            // a is [z | r | c] here, rec is R, hp the previous state
            stored[0].readColumns(off, h, a, 0);
            stored[1].readColumns(off, h, a, n);
            stored[2].readColumns(off, h, a, 2 * n);
            stored[3].readColumns(off, h, rec, 0);
            hpAll.readColumns(off, h, hp, 0);
            dPrev.readColumns(off, h, dhp, 0);
            for (int i = 0; i < n; i++) {
                float z = a[i], r = a[n + i], c = a[2 * n + i], d = dh[i];
                float dac = d * z * (1 - c * c);                 // through h = hp + z (c - hp), c = tanh(.)
                float daz = d * (c - hp[i]) * z * (1 - z);
                float dar = dac * rec[i] * r * (1 - r);          // c = tanh(a_c + r o R)
                a[i] = daz;
                a[n + i] = dar;
                a[2 * n + i] = dac;
                ds[i] = dac * r;
                dhp[i] += d * (1 - z);
            }
            daj.writeColumns(0, 3 * h, a, 0);
            dR.writeColumns(0, h, ds, 0);
            dPrev.writeColumns(off, h, dhp, 0);
        } else {
            curAll.readColumns(off, h, out, 0);
            for (int i = 0; i < n; i++) a[i] = dh[i] * (1 - out[i] * out[i]);
            daj.writeColumns(0, h, a, 0);
        }
        for (int col = 0, width = gru ? 3 * h : h; col < width; col++) {
            float sum = 0;
            for (int i = col * mb, end = i + mb; i < end; i++) sum += a[i];
            biasGrad[col] += sum;
        }
    }
}
