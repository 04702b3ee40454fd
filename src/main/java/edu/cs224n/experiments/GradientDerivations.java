package edu.cs224n.experiments;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Every gradient the source documents derive, checked against central differences in double precision: the Siamese net (practice midterm
 * q1), the pseudo-Siamese net (q5), dropout with tanh (section 2 q2), the RNN LM at t and t-1 (assignment 2, q3b-c), the GF-RNN
 * global reset gate (practice midterm, section 3 q4) and the LSTM variant's dc1/dx0 (deep-learning midterm, q3a, derived here). The student's answers
 * of a student's handwritten answers go through the same harness and are reported right or wrong term by term; they do not decide the verdict.
 */
public final class GradientDerivations implements Experiment {
    static final double TOLERANCE = 1e-6;

    @Override public String name() { return "gradients"; }

    @Override public String title() { return "Every gradient derivation of the source documents, checked numerically (and the student's answers)"; }

    @Override public String source() { return "the CS224n practice midterm q1, q5, section 2 q2, section 3 q4; CS224n assignment 2 q3(b)-(c); the deep-learning practice midterm q3(a); a student's handwritten answers"; }

    @Override public boolean fast() { return true; }

    private final List<List<Object>> student = new ArrayList<>();
    private ExperimentReport report;

    @Override
    public void run(ExperimentReport r) {
        report = r;
        Nd4j.getRandom().setSeed(2017);
        siamese();
        pseudoSiamese();
        dropoutTanh();
        rnnLanguageModel();
        gatedFeedback();
        lstmVariant();
        r.table("student", List.of("term", "relative_error", "verdict"), student);
        StringBuilder sb = new StringBuilder("The student's answers (a student's handwritten answers), through the same harness:\n\n| term | relative error | verdict |\n|---|---:|---|\n");
        for (List<Object> row : student) sb.append("| ").append(row.get(0)).append(" | ").append(row.get(1)).append(" | ").append(row.get(2)).append(" |\n");
        r.text(sb.toString());
        r.text("Relative error = max over entries of |analytic - numeric| / (|analytic| + |numeric|), entries within 1e-9 "
                + "of each other counted as equal; central differences with step 1e-6 in double precision. A right derivation "
                + "scores 1e-10 to 1e-7, a wrong one 0.1 to 1.");
    }

    private void seed(String what, INDArray analytic, INDArray numeric) {
        double rel = NumericGradient.relativeError(analytic, numeric);
        double abs = analytic.reshape(analytic.length()).sub(numeric.reshape(numeric.length())).amaxNumber().doubleValue();
        report.check(what + " vs central differences", "relative error <= " + ExperimentReport.fmt(TOLERANCE),
                "relative " + ExperimentReport.fmt(rel) + ", max abs difference " + ExperimentReport.fmt(abs), rel <= TOLERANCE);
    }

    private void student(String what, INDArray answer, INDArray numeric, String note) {
        double err = NumericGradient.relativeError(answer, numeric);
        student.add(List.of(what, ExperimentReport.fmt(err), (err <= TOLERANCE ? "right" : "wrong") + (note.isEmpty() ? "" : " (" + note + ")")));
    }

    static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
    }

    static INDArray sigmoid(INDArray z) { return Transforms.sigmoid(z, true); }

    static INDArray tanh(INDArray z) { return Transforms.tanh(z, true); }

    /** Practice midterm, q1: h = sigma(W x + b) for x1 and x2, J = 1/2 ||h1 - h2||^2 + lambda/2 ||W||^2; W 10 x 5 as in q3. */
    private void siamese() {
        int m = 10, n = 5;
        double lambda = 0.3;
        INDArray w = rand(m, n), b = rand(m, 1), x1 = rand(n, 1), x2 = rand(n, 1);
        ToDoubleFunction<INDArray> j = any -> {
            INDArray d = sigmoid(w.mmul(x1).addi(b)).subi(sigmoid(w.mmul(x2).addi(b)));
            return 0.5 * d.mul(d).sumNumber().doubleValue() + lambda / 2 * w.mul(w).sumNumber().doubleValue();
        };
        INDArray h1 = sigmoid(w.mmul(x1).addi(b)), h2 = sigmoid(w.mmul(x2).addi(b));
        INDArray d1 = h1.sub(h2), d2 = h2.sub(h1);
        INDArray d3 = d1.mul(h1).muli(h1.rsub(1)), d4 = d2.mul(h2).muli(h2.rsub(1));
        INDArray numW = NumericGradient.of(j, w), numB = NumericGradient.of(j, b);
        seed("Siamese dJ/dW = d3 x1^T + d4 x2^T + lambda W (practice midterm, q1)", d3.mmul(x1.transpose()).addi(d4.mmul(x2.transpose())).addi(w.mul(lambda)), numW);
        seed("Siamese dJ/db = d3 + d4 (practice midterm, q1)", d3.add(d4), numB);
        INDArray s1 = h1.mul(h1.rsub(1)), s2 = h2.mul(h2.rsub(1));
        student("Siamese dJ/dW = 1/2 (h1 - h2)[sigma'(z1) x1^T - sigma'(z2) x2^T] + 1/2 lambda W",
                d1.mul(s1).mmul(x1.transpose()).subi(d1.mul(s2).mmul(x2.transpose())).muli(0.5).addi(w.mul(lambda / 2)), numW,
                "half of the right answer: the 1/2 of J cancels against the 2 of the square");
        student("Siamese dJ/db = 1/2 (h1 - h2)[sigma'(z1) - sigma'(z2)]", d1.mul(s1.sub(s2)).muli(0.5), numB, "the same 1/2");
        report.close("Siamese parameters for W in R^(10x5), b in R^10 (practice midterm, q3)", 60, w.length() + b.length(), 0);
    }

    /** Practice midterm, q5: h1 = sigma(W1 x + b1), h2 = relu(W2 x + b2), y^ = softmax(W3 (h1 + h2) + b3), CE; one word vector x. */
    private void pseudoSiamese() {
        int n = 6, m = 5, k = 4;
        INDArray w1 = rand(m, n), w2 = rand(m, n), w3 = rand(k, m), b1 = rand(m, 1), b2 = rand(m, 1), b3 = rand(k, 1), x = rand(n, 1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, k, 1).putScalar(2, 0, 1);
        INDArray h1v = sigmoid(w1.mmul(x).addi(b1)), h2v = Transforms.relu(w2.mmul(x).addi(b2), false);
        // J as a function of h1 and h2 directly (for dJ/dh), and of x (for dJ/dx).
        INDArray h1 = h1v.dup(), h2 = h2v.dup();
        ToDoubleFunction<INDArray> jOfH = any -> ce(y, w3.mmul(h1.add(h2)).addi(b3));
        ToDoubleFunction<INDArray> jOfX = any -> ce(y, w3.mmul(sigmoid(w1.mmul(x).addi(b1)).addi(Transforms.relu(w2.mmul(x).addi(b2), false))).addi(b3));
        INDArray yHat = SoftmaxCrossEntropy.softmax(w3.mmul(h1.add(h2)).addi(b3).transpose()).transpose();
        INDArray d1 = yHat.sub(y), d2 = w3.transpose().mmul(d1);
        INDArray d3 = d2.mul(h1).muli(h1.rsub(1)), d4 = d2.mul(w2.mmul(x).addi(b2).gt(0).castTo(DataType.DOUBLE));
        INDArray numH1 = NumericGradient.of(jOfH, h1), numH2 = NumericGradient.of(jOfH, h2), numX = NumericGradient.of(jOfX, x);
        seed("pseudo-Siamese dJ/dh1 = W3^T (y^ - y) (practice midterm, q5)", d2, numH1);
        seed("pseudo-Siamese dJ/dh2 = W3^T (y^ - y) (practice midterm, q5)", d2, numH2);
        seed("pseudo-Siamese dJ/dx = W1^T d3 + W2^T d4 (practice midterm, q5)", w1.transpose().mmul(d3).addi(w2.transpose().mmul(d4)), numX);
        INDArray g = w3.transpose().mmul(y.sub(yHat));
        student("pseudo-Siamese dJ/dh1 = (y - y^) W3^T", g, numH1, "sign reversed");
        student("pseudo-Siamese dJ/dh2 = (y - y^) W3^T", g, numH2, "sign reversed");
        student("pseudo-Siamese dJ/dx = (y - y^) W3^T (W1^T + W2^T 1{z2 >= 0})",
                w1.transpose().mmul(g).addi(w2.transpose().mmul(g.mul(w2.mmul(x).addi(b2).gte(0).castTo(DataType.DOUBLE)))), numX,
                "sign reversed and sigma'(z1) dropped");
    }

    /** Practice midterm, section 2 q2: h~ = f(m o (W x + b)) = m o tanh(W x + b); dL/dW = (dL/dh~ o (1 - h~^2) o m) x^T. */
    private void dropoutTanh() {
        int n = 5, hidden = 6;
        INDArray w = rand(hidden, n), b = rand(hidden, 1), x = rand(n, 1), c = rand(hidden, 1); // L = c . h~, so dL/dh~ = c
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 1, 0, 1}, new long[] {hidden, 1}, 'c');
        ToDoubleFunction<INDArray> l = any -> c.mul(tanh(w.mmul(x).addi(b).muli(mask))).sumNumber().doubleValue();
        INDArray h = tanh(w.mmul(x).addi(b).muli(mask));
        seed("dropout with tanh dL/dW = (dL/dh~ o (1 - h~^2) o m) x^T (practice midterm, section 2 q2)",
                c.mul(h.mul(h).rsub(1)).muli(mask).mmul(x.transpose()), NumericGradient.of(l, w));
    }

    /** Assignment 2, q3: row vectors; v = h(t-1) H + e I + b1, h = sigmoid(v), theta = h U + b2, J = CE(y, softmax(theta)). */
    private void rnnLanguageModel() {
        int v = 7, d = 4, dh = 5;
        INDArray bigL = rand(v, d), hMat = rand(dh, dh), iMat = rand(d, dh), b1 = rand(1, dh), u = rand(dh, v), b2 = rand(1, v);
        INDArray hPrev2 = rand(1, dh); // h(t-2)
        int wordPrev = 3, word = 5, target = 1;
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, v).putScalar(0, target, 1);
        INDArray ePrev = bigL.getRow(wordPrev).reshape(1, d).dup(), e = bigL.getRow(word).reshape(1, d).dup();
        // Separate copies of the parameters for their appearance at t-1, so each appearance can be differentiated alone.
        INDArray hMatPrev = hMat.dup(), iMatPrev = iMat.dup();
        INDArray hPrev = sigmoid(hPrev2.mmul(hMatPrev).addi(ePrev.mmul(iMatPrev)).addi(b1));
        INDArray hFixed = hPrev.dup();
        ToDoubleFunction<INDArray> step = any -> ce(y.transpose(), sigmoid(hFixed.mmul(hMat).addi(e.mmul(iMat)).addi(b1)).mmul(u).addi(b2).transpose());
        ToDoubleFunction<INDArray> twoSteps = any -> {
            INDArray hp = sigmoid(hPrev2.mmul(hMatPrev).addi(ePrev.mmul(iMatPrev)).addi(b1));
            return ce(y.transpose(), sigmoid(hp.mmul(hMat).addi(e.mmul(iMat)).addi(b1)).mmul(u).addi(b2).transpose());
        };
        INDArray h = sigmoid(hPrev.mmul(hMat).addi(e.mmul(iMat)).addi(b1));
        INDArray yHat = SoftmaxCrossEntropy.softmax(h.mmul(u).addi(b2));
        INDArray delta1 = yHat.sub(y);
        INDArray delta2 = delta1.mmul(u.transpose()).muli(h).muli(h.rsub(1));
        INDArray numB2 = NumericGradient.of(step, b2), numE = NumericGradient.of(step, e);
        INDArray numH = NumericGradient.of(step, hMat), numHPrev = NumericGradient.of(step, hFixed);
        seed("RNN LM dJ/db2 = delta1 = y^ - y (assignment 2, q3b)", delta1, numB2);
        seed("RNN LM dJ/dL_x(t) = delta2 I^T (assignment 2, q3b)", delta2.mmul(iMat.transpose()), numE);
        seed("RNN LM dJ/dI at t = e(t)^T delta2 (assignment 2, q3b)", e.transpose().mmul(delta2), NumericGradient.of(step, iMat));
        seed("RNN LM dJ/dH at t = h(t-1)^T delta2 (assignment 2, q3b)", hPrev.transpose().mmul(delta2), numH);
        seed("RNN LM dJ/dh(t-1) = delta2 H^T (assignment 2, q3b)", delta2.mmul(hMat.transpose()), numHPrev);
        // Assignment 2, q3c: the appearances at t-1, with delta(t-1) = dJ/dh(t-1) and sigma'(v(t-1)) = h(t-1) o (1 - h(t-1)).
        INDArray deltaPrev = delta2.mmul(hMat.transpose()).muli(hPrev).muli(hPrev.rsub(1));
        seed("RNN LM dJ/dL_x(t-1) = delta(t-1) sigma'(v(t-1)) I^T (assignment 2, q3c)", deltaPrev.mmul(iMat.transpose()), NumericGradient.of(twoSteps, ePrev));
        seed("RNN LM dJ/dI at t-1 = e(t-1)^T delta(t-1) sigma'(v(t-1)) (assignment 2, q3c)", ePrev.transpose().mmul(deltaPrev), NumericGradient.of(twoSteps, iMatPrev));
        seed("RNN LM dJ/dH at t-1 = h(t-2)^T delta(t-1) sigma'(v(t-1)) (assignment 2, q3c)", hPrev2.transpose().mmul(deltaPrev), NumericGradient.of(twoSteps, hMatPrev));
        INDArray studentSignal = delta1.mmul(u.transpose()).muli(h).muli(h.rsub(1));
        student("RNN LM dJ/db2 = y^ - y", delta1, numB2, "");
        student("RNN LM dJ/dL_x = Delta U^T o sigma'(c) o I^T, with 'o I^T' read as the product I^T", studentSignal.mmul(iMat.transpose()), numE,
                "right only under that reading: as written it multiplies a vector element-wise by a matrix, and c uses b2 for b1");
        student("RNN LM dJ/dh(t-1) = Delta U^T o sigma'(c) o H^T, 'o H^T' read as the product H^T", studentSignal.mmul(hMat.transpose()), numHPrev,
                "right only under that reading");
        student.add(List.of("RNN LM dJ/dI and dJ/dH at t = Delta U^T dh(t)/dI", "-", "incomplete: dh(t)/dI is never worked out, nothing to check"));
        student.add(List.of("pseudo-Siamese q6: W1 trains faster", "-", "see `siamese pseudo` (results/siamese.md): a claim about training, not a gradient"));
    }

    /**
     * Practice midterm, section 3 q4, two layers (column vectors): h(t, j) = tanh(W(j-1->j) h(t, j-1) + sum_i g(i->j) U(i->j) h(t-1, i)),
     * g(i->j) = sigmoid(w_g . h(t, j-1) + u_g . h*(t-1)). Checked for i = 1, j = 2 and J_t = c . h(t, 2).
     */
    private void gatedFeedback() {
        int n = 3, hid = 4;
        INDArray w12 = rand(hid, hid), u12 = rand(hid, hid), u22 = rand(hid, hid), c = rand(hid, 1);
        INDArray wg = rand(1, hid), ug = rand(1, 2 * hid); // the gate g(1->2)'s vectors
        INDArray h1Now = rand(hid, 1), h1Prev = rand(hid, 1), h2Prev = rand(hid, 1), h1Prev2 = rand(hid, 1), h2Prev2 = rand(hid, 1);
        double g22 = 0.7, g22Prev = 0.6; // the other gate into layer 2, held fixed
        // The gate at t as a free scalar: dJ_t/dg(1->2) with h(t-1) fixed.
        INDArray g = Nd4j.create(new double[] {gate(wg, ug, h1Now, h1Prev, h2Prev)}, new long[] {1, 1}, 'c');
        ToDoubleFunction<INDArray> jOfG = any -> c.mul(tanh(w12.mmul(h1Now).addi(u12.mmul(h1Prev).muli(g.getDouble(0))).addi(u22.mmul(h2Prev).muli(g22)))).sumNumber().doubleValue();
        INDArray h2 = tanh(w12.mmul(h1Now).addi(u12.mmul(h1Prev).muli(g.getDouble(0))).addi(u22.mmul(h2Prev).muli(g22)));
        INDArray local = c.mul(h2.mul(h2).rsub(1)); // dJ/dh(t,2) o (1 - h(t,2)^2)
        double dJdg = local.transpose().mmul(u12.mmul(h1Prev)).getDouble(0);
        seed("GF-RNN dJ_t/dg(i->j) = (dJ_t/dh(t,j) o (1 - h(t,j)^2))^T U(i->j) h(t-1,i), h(t-1) fixed (practice midterm, section 3 q4)",
                Nd4j.create(new double[] {dJdg}, new long[] {1, 1}, 'c'), NumericGradient.of(jOfG, g));
        // dJ_t/dw_g through g = sigmoid(w_g . h(t, j-1) + u_g . h*(t-1)).
        ToDoubleFunction<INDArray> jOfWg = any -> {
            double gg = gate(wg, ug, h1Now, h1Prev, h2Prev);
            return c.mul(tanh(w12.mmul(h1Now).addi(u12.mmul(h1Prev).muli(gg)).addi(u22.mmul(h2Prev).muli(g22)))).sumNumber().doubleValue();
        };
        double gv = g.getDouble(0);
        seed("GF-RNN dJ_t/dW_g(i->j) = dJ_t/dg g (1 - g) h(t, j-1)^T (practice midterm, section 3 q4)", h1Now.transpose().mul(dJdg * gv * (1 - gv)), NumericGradient.of(jOfWg, wg));
        // The midterm's recursive term: if the same scalar g(1->2) also gated step t-1, then
        // dJ_t/dg = local^T (U(1->2) h(t-1,1) + g(2->2) U(2->2) dh(t-1,2)/dg), dh(t-1,2)/dg = (1 - h(t-1,2)^2) o U(1->2) h(t-2,1).
        INDArray tied = Nd4j.create(new double[] {gv}, new long[] {1, 1}, 'c');
        ToDoubleFunction<INDArray> jTied = any -> {
            double t = tied.getDouble(0);
            INDArray h2p = tanh(w12.mmul(h1Prev).addi(u12.mmul(h1Prev2).muli(t)).addi(u22.mmul(h2Prev2).muli(g22Prev)));
            return c.mul(tanh(w12.mmul(h1Now).addi(u12.mmul(h1Prev).muli(t)).addi(u22.mmul(h2p).muli(g22)))).sumNumber().doubleValue();
        };
        INDArray h2p = tanh(w12.mmul(h1Prev).addi(u12.mmul(h1Prev2).muli(gv)).addi(u22.mmul(h2Prev2).muli(g22Prev)));
        INDArray h2t = tanh(w12.mmul(h1Now).addi(u12.mmul(h1Prev).muli(gv)).addi(u22.mmul(h2p).muli(g22)));
        INDArray localT = c.mul(h2t.mul(h2t).rsub(1));
        INDArray dh2pdg = h2p.mul(h2p).rsub(1).muli(u12.mmul(h1Prev2));
        double recursive = localT.transpose().mmul(u12.mmul(h1Prev).addi(u22.mmul(dh2pdg).muli(g22))).getDouble(0);
        seed("GF-RNN midterm's recursive form, for a g(i->j) shared by steps t-1 and t", Nd4j.create(new double[] {recursive}, new long[] {1, 1}, 'c'),
                NumericGradient.of(jTied, tied));
    }

    private static double gate(INDArray wg, INDArray ug, INDArray below, INDArray h1Prev, INDArray h2Prev) {
        double a = wg.mmul(below).getDouble(0) + ug.mmul(Nd4j.vstack(h1Prev, h2Prev)).getDouble(0);
        return 1 / (1 + Math.exp(-a));
    }

    /** Deep-learning midterm, q3a, scalars: f = sigma(Wf x + Uf h + bf), o = sigma(Wo x + Uo h + bo), c(t) = f(1 - f) c(t-1) + tanh(Wc x + Uc h + bc). */
    private void lstmVariant() {
        double[] p = rand(1, 9).muli(1.5).toDoubleVector(); // Wf Uf bf Wo Uo bo Wc Uc bc
        double cInit = 0.8, hInit = -0.3, x1 = 0.4;
        INDArray x0 = Nd4j.create(new double[] {0.7}, new long[] {1, 1}, 'c');
        ToDoubleFunction<INDArray> c1 = any -> lstm(p, x0.getDouble(0), x1, cInit, hInit)[2];
        double[] s = lstm(p, x0.getDouble(0), x1, cInit, hInit); // c0, h0, c1, f0, o0, f1, a0, a1
        double c0 = s[0], f0 = s[3], o0 = s[4], f1 = s[5], a0 = s[6], a1 = s[7];
        double dc0 = (1 - 2 * f0) * f0 * (1 - f0) * p[0] * cInit + (1 - Math.tanh(a0) * Math.tanh(a0)) * p[6];
        double dh0 = o0 * (1 - o0) * p[3] * Math.tanh(c0) + o0 * (1 - Math.tanh(c0) * Math.tanh(c0)) * dc0;
        double dc1 = (1 - 2 * f1) * f1 * (1 - f1) * p[1] * dh0 * c0 + f1 * (1 - f1) * dc0 + (1 - Math.tanh(a1) * Math.tanh(a1)) * p[7] * dh0;
        seed("LSTM variant dc1/dx0 = (1-2f1) f1(1-f1) Uf (dh0/dx0) c0 + f1(1-f1) dc0/dx0 + (1 - tanh^2 a1) Uc dh0/dx0 (deep-learning midterm, q3a, derived here)",
                Nd4j.create(new double[] {dc1}, new long[] {1, 1}, 'c'), NumericGradient.of(c1, x0));
        report.text("LSTM variant (deep-learning midterm, q3a): dc0/dx0 = (1 - 2f0) f0 (1 - f0) W_f c(-1) + (1 - tanh^2 a0) W_c and dh0/dx0 = "
                + "o0 (1 - o0) W_o tanh c0 + o0 (1 - tanh^2 c0) dc0/dx0, with a(t) = W_c x(t) + U_c h(t-1) + b_c. The path through "
                + "c(t-1) is scaled by f (1 - f) <= 1/4 at every step, so it vanishes at least as fast as 4^-T "
                + "(see `experiment run long-term`).");
    }

    /** Returns {c0, h0, c1, f0, o0, f1, a0, a1}. */
    private static double[] lstm(double[] p, double x0, double x1, double cInit, double hInit) {
        double f0 = sig(p[0] * x0 + p[1] * hInit + p[2]), o0 = sig(p[3] * x0 + p[4] * hInit + p[5]);
        double a0 = p[6] * x0 + p[7] * hInit + p[8];
        double c0 = f0 * (1 - f0) * cInit + Math.tanh(a0), h0 = o0 * Math.tanh(c0);
        double f1 = sig(p[0] * x1 + p[1] * h0 + p[2]);
        double a1 = p[6] * x1 + p[7] * h0 + p[8];
        double c1 = f1 * (1 - f1) * c0 + Math.tanh(a1);
        return new double[] {c0, h0, c1, f0, o0, f1, a0, a1};
    }

    private static double sig(double z) { return 1 / (1 + Math.exp(-z)); }

    /** CE of a one-hot column y against softmax of a column of logits. */
    private static double ce(INDArray y, INDArray logits) {
        return SoftmaxCrossEntropy.crossEntropy(y.transpose(), logits.transpose());
    }
}
