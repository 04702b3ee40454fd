package edu.cs224n.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatActivationsTest {
    @Test
    void tanhAndSigmoidAgreeWithTheExpFormulasWithin4e7() {
        Random rnd = new Random(3);
        int n = 200_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double scale = i % 4 == 0 ? 1e-4 : i % 4 == 1 ? 1 : i % 4 == 2 ? 8 : 100; // near zero, usual, saturating, far out
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        x[0] = 0;
        x[1] = Float.MAX_VALUE;
        x[2] = -Float.MAX_VALUE;
        float[] t = x.clone(), s = x.clone();
        FloatActivations.tanh(t, 0, n);
        FloatActivations.sigmoid(s, 0, n);
        double worstT = 0, worstS = 0;
        for (int i = 0; i < n; i++) {
            worstT = Math.max(worstT, Math.abs(t[i] - Math.tanh(x[i])));
            worstS = Math.max(worstS, Math.abs(s[i] - 1 / (1 + Math.exp(-(double) x[i]))));
            assertTrue(t[i] >= -1 && t[i] <= 1 && s[i] >= 0 && s[i] <= 1, "in range at " + x[i]);
            assertEquals(-t[i], tanhOf(-x[i]), 0, "tanh is odd at " + x[i]);
        }
        assertTrue(worstT < 4e-7, "tanh error " + worstT);
        assertTrue(worstS < 4e-7, "sigmoid error " + worstS);
        assertEquals(0f, t[0]);
        assertEquals(0.5f, s[0]);
        // small arguments keep their relative precision (tanh x ~ x)
        float[] tiny = {1e-6f, -3e-5f};
        FloatActivations.tanh(tiny, 0, 2);
        assertEquals(1e-6, tiny[0], 1e-12);
        assertEquals(-3e-5, tiny[1], 1e-11);
    }

    @Test
    void onlyTheRangeIsChanged() {
        float[] a = {5, 1, 2, 5};
        FloatActivations.sigmoid(a, 1, 3);
        assertEquals(5f, a[0]);
        assertEquals(5f, a[3]);
        assertEquals(1 / (1 + Math.exp(-1)), a[1], 4e-7);
        assertEquals(1 / (1 + Math.exp(-2)), a[2], 4e-7);
    }

    private static float tanhOf(float v) {
        float[] a = {v};
        FloatActivations.tanh(a, 0, 1);
        return a[0];
    }
}
