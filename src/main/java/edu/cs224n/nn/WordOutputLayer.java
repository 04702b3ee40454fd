package edu.cs224n.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the softmax-over-words output layers share: input [mb, nIn, T] (NCW) or [mb, nIn] read as rows
 * [mb * T, nIn] (example-major), labels that are word ids ([mb, 1, T] or [mb, 1]), the label mask, and a score that
 * is the cross-entropy summed over steps and averaged over the minibatch, as DL4J's RNN output layers do. The
 * backward pass computes the per-token losses too; the score reuses them.
 */
public abstract class WordOutputLayer<C extends org.deeplearning4j.nn.conf.layers.FeedForwardLayer> extends OwnOutputLayer<C> {
    private INDArray scoredInput, scoredLabels; // what the cached per-token losses were computed for
    private double[] tokenLoss;                 // per row (example-major: b * T + t), masked rows 0

    WordOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Per-row losses -log P(target | row) (0 where the mask is 0) and, with {@code dRows} non-null, the gradient of
     * their sum: dL/dparameters added to {@link #gradientViews} (zeroed before), dL/drows written to {@code dRows}.
     */
    protected abstract double[] lossAndGradient(INDArray rows, int[] target, double[] mask, INDArray dRows);

    /** The input as rows [mb * T, nIn], example-major. */
    protected INDArray rows() {
        return input.rank() == 3 ? input.permute(0, 2, 1).dup('c').reshape('c', input.size(0) * input.size(2), input.size(1))
                : input.dup('c');
    }

    protected long steps() {
        return input.rank() == 3 ? input.size(2) : 1;
    }

    /** Rows [mb * T, n] back to the input's layout: [mb, n, T] (a view) or [mb, n]. */
    protected INDArray shaped(INDArray rows) {
        long mb = input.size(0), steps = steps();
        return input.rank() == 3 ? rows.reshape('c', mb, steps, rows.size(1)).permute(0, 2, 1) : rows;
    }

    /** The labels as word ids, example-major, each checked against the vocabulary. */
    protected int[] targets() {
        if (labels == null) throw new IllegalStateException(layerId() + ": no labels set");
        INDArray l = labels.rank() == 3 ? labels.reshape(labels.size(0), labels.size(2)) : labels; // [mb, 1, T] -> [mb, T]
        long n = l.length();
        if (n != input.size(0) * steps()) {
            throw new IllegalArgumentException(layerId() + ": expected one word id per example and step (" + input.size(0) * steps()
                    + "), got labels of shape " + java.util.Arrays.toString(labels.shape()));
        }
        INDArray flat = l.dup('c').reshape('c', new long[] {n});
        long vocab = layerConf().getNOut();
        int[] t = new int[(int) n];
        for (int i = 0; i < n; i++) {
            double id = flat.getDouble(i);
            if (id < 0 || id >= vocab || id != Math.rint(id)) throw new IllegalArgumentException(layerId() + ": label " + id + " is not a word id in 0.." + (vocab - 1));
            t[i] = (int) id;
        }
        return t;
    }

    /** The label mask per row (1 everywhere without one). */
    protected double[] maskValues() {
        int n = (int) (input.size(0) * steps());
        double[] m = new double[n];
        if (maskArray == null) {
            java.util.Arrays.fill(m, 1);
        } else {
            INDArray flat = maskArray.dup('c').reshape('c', new long[] {maskArray.length()});
            if (flat.length() != n) throw new IllegalArgumentException(layerId() + ": mask has " + flat.length() + " entries, expected " + n);
            for (int i = 0; i < n; i++) m[i] = flat.getDouble(i);
        }
        return m;
    }

    /** The output for the current input: P(w | row) for every word w, [mb, |V|, T] (or [mb, |V|]). */
    protected abstract INDArray distribution(LayerWorkspaceMgr mgr);

    private int[] probabilitiesOf;

    /**
     * Makes the next {@code activate} (e.g. through rnnTimeStep) return only P(ids[i]) per row, [mb, 1, T] (ids
     * example-major: b * T + t), which is what perplexity needs, without copying out the [mb, |V|, T] distribution
     * (and, for the class-factored softmax, at a cost of C + |class| per row instead of |V|). Cleared by that call.
     */
    public void probabilitiesOf(int[] ids) {
        this.probabilitiesOf = ids.clone();
    }

    /** The distribution, or the requested words' probabilities (see {@link #probabilitiesOf}). */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        if (probabilitiesOf == null) return distribution(mgr);
        int[] ids = probabilitiesOf;
        probabilitiesOf = null;
        long mb = input.size(0), steps = steps(), vocab = layerConf().getNOut();
        if (ids.length != mb * steps) throw new IllegalArgumentException(layerId() + ": " + ids.length + " ids for " + mb * steps + " rows");
        for (int id : ids) if (id < 0 || id >= vocab) throw new IllegalArgumentException(layerId() + ": " + id + " is not a word id in 0.." + (vocab - 1));
        double[] mask = new double[ids.length];
        java.util.Arrays.fill(mask, 1);
        double[] nll = lossAndGradient(rows(), ids, mask, null);
        double[] p = new double[nll.length];
        for (int i = 0; i < p.length; i++) p[i] = Math.exp(-nll[i]);
        INDArray out = Nd4j.create(p, input.rank() == 3 ? new long[] {mb, 1, steps} : new long[] {mb, 1}, 'c').castTo(input.dataType());
        return mgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, mgr);
        long mb = input.size(0), steps = steps(), nIn = input.size(1);
        gradientsFlattened.assign(0);
        INDArray dRows = Nd4j.createUninitialized(input.dataType(), new long[] {mb * steps, nIn}, 'c');
        tokenLoss = lossAndGradient(rows(), targets(), maskValues(), dRows);
        scoredInput = input;
        scoredLabels = labels;
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) g.gradientForVariable().put(key, gradientViews.get(key));
        return new Pair<>(g, backpropDropOutIfPresent(mgr.dup(ArrayType.ACTIVATION_GRAD, shaped(dRows), 'f')));
    }

    private double[] tokenLosses() {
        if (tokenLoss != null && scoredInput == input && scoredLabels == labels) return tokenLoss; // backprop already computed them
        return lossAndGradient(rows(), targets(), maskValues(), null);
    }

    @Override
    public double computeScore(double fullNetworkRegScore, boolean training, LayerWorkspaceMgr mgr) {
        double sum = 0;
        for (double l : tokenLosses()) sum += l;
        score = sum / input.size(0) + fullNetworkRegScore;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetworkRegScore, LayerWorkspaceMgr mgr) {
        double[] l = tokenLosses();
        long mb = input.size(0), steps = steps();
        double[] perExample = new double[(int) mb];
        for (int i = 0; i < l.length; i++) perExample[(int) (i / steps)] += l[i];
        for (int i = 0; i < mb; i++) perExample[i] += fullNetworkRegScore;
        return mgr.leverageTo(ArrayType.ACTIVATIONS, Nd4j.create(perExample, new long[] {mb, 1}, input.dataType()));
    }

    @Override
    public void clear() {
        super.clear(); // a probabilitiesOf request stays: it is set before rnnTimeStep, which may clear the layer first
        tokenLoss = null;
        scoredInput = scoredLabels = null;
    }
}
