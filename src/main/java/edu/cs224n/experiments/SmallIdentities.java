package edu.cs224n.experiments;

import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.lm.LmText;
import edu.cs224n.lm.LmVocabulary;
import edu.cs224n.lm.Perplexity;
import edu.cs224n.parser.ArcStandard;
import edu.cs224n.parser.Oracle;
import edu.cs224n.parser.PartialParse;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Four small identities of the source documents, each computed: the linear L2-penalised update is the SGD step (the CS224n practice midterm
 * section 2 q3); sigma(-x) = 1 - sigma(x) (section 3 q1); a uniform model over |V| words has perplexity |V| and
 * cross-entropy ln |V| (CS224n assignment 2 q3, ln 10000 = 9.21); arc-standard takes 2n transitions for n words (CS224n assignment 2 q2b).
 */
public final class SmallIdentities implements Experiment {
    @Override public String name() { return "identities"; }

    @Override public String title() { return "Small identities: L2-penalised update = SGD, sigma(-x) = 1 - sigma(x), uniform perplexity = |V|, 2n transitions"; }

    @Override public String source() { return "the CS224n practice midterm section 2 q3 and section 3 q1; CS224n assignment 2 questions 2(b) and 3"; }

    @Override public boolean fast() { return true; }

    @Override
    public void run(ExperimentReport r) throws Exception {
        penalisedUpdate(r);
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -30, 30, 6001);
        r.atMost("max |sigma(-x) - (1 - sigma(x))|, x in [-30, 30] step 0.01, double precision", 1e-15,
                Transforms.sigmoid(x.neg(), false).sub(Transforms.sigmoid(x, true).rsub(1)).amaxNumber().doubleValue());
        uniformModel(r);
        transitions(r);
    }

    /**
     * argmin_w J(w_t) + grad^T (w - w_t) + 1/(2 alpha) ||w - w_t||^2, minimised numerically (plain gradient descent on
     * the surrogate from a random start, never using the closed form) against DL4J's own SGD step on a logistic
     * regression.
     */
    private static void penalisedUpdate(ExperimentReport r) {
        double alpha = 0.1;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Sgd(alpha)).weightInit(WeightInit.XAVIER).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(5).nOut(1).activation(Activation.SIGMOID).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.randn(DataType.DOUBLE, 32, 5);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 32, 1).gt(0.5).castTo(DataType.DOUBLE);
        INDArray wt = net.params().dup();
        net.setInput(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        // DL4J's layer gradients are sums over the minibatch and its updater divides by the minibatch size: the gradient
        // of J, the mean loss, is their sum / 32.
        INDArray grad = net.gradient().gradient().div(features.rows());

        INDArray w = Nd4j.randn(DataType.DOUBLE, wt.shape());
        double eta = 0.3 * alpha; // any step below 2 alpha converges on this quadratic; 0.3 alpha is deliberately not the one-step answer
        for (int i = 0; i < 300; i++) w.subi(grad.add(w.sub(wt).divi(alpha)).muli(eta));
        net.fit(features, labels);
        INDArray sgd = net.params();
        r.atMost("max |argmin of the L2-penalised linear model - DL4J's SGD step (alpha 0.1, logistic regression)|", 1e-12,
                w.sub(sgd).amaxNumber().doubleValue());
        r.atMost("max |DL4J's SGD step - (w_t - alpha grad)|", 1e-15, sgd.sub(wt.sub(grad.mul(alpha))).amaxNumber().doubleValue());
    }

    /** A uniform softmax (zero weights) over a 10,000-word Brown vocabulary, scored on Brown test tokens. */
    private static void uniformModel(ExperimentReport r) throws Exception {
        Path train = DataRoot.require("corpora/brown/brown.train.txt"), test = DataRoot.require("corpora/brown/brown.test.txt");
        LmVocabulary vocab = LmVocabulary.build(LmText.readLines(train), 1, 10_000);
        int[] tokens = Arrays.stream(vocab.encode(LmText.readLines(test))).flatMapToInt(Arrays::stream).limit(20_000).toArray();
        LossMCXENT ce = new LossMCXENT();
        double nll = 0;
        long unk = Arrays.stream(tokens).filter(t -> t == LmVocabulary.UNK_ID).count();
        for (int start = 0; start < tokens.length; start += 1000) {
            int rows = Math.min(1000, tokens.length - start);
            INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, rows, vocab.size());
            for (int i = 0; i < rows; i++) oneHot.putScalar(i, tokens[start + i], 1);
            INDArray preOutput = Nd4j.zeros(DataType.DOUBLE, rows, vocab.size()); // zero weights: every word has the same score
            nll += ce.computeScore(oneHot, preOutput, new ActivationSoftmax(), null, false);
        }
        Perplexity ppl = new Perplexity(nll, tokens.length, unk);
        r.close("|V| of the Brown vocabulary capped at 10,000 (</s> and <unk> included)", 10_000, vocab.size(), 0);
        r.close("perplexity of the uniform model on " + tokens.length + " Brown test tokens = |V|", 10_000, ppl.value(), 1e-6);
        r.close("its cross-entropy, nats per token = ln 10000", 9.2103, ppl.natsPerToken(), 5e-5);
    }

    /** Every sequence of legal arc-standard transitions that completes a parse has 2n steps: random legal ones on EWT dev. */
    private static void transitions(ExperimentReport r) {
        List<Sentence> dev = ConllSequenceRecordReader.read(DataRoot.require("corpora/ud-english-ewt/en_ewt-ud-dev.conllu"), false);
        ArcStandard system = ArcStandard.unlabelled();
        Oracle oracle = new Oracle(system);
        Random random = new Random(2);
        int wrongLength = 0, oracleMismatch = 0, projective = 0;
        for (Sentence s : dev) {
            int n = s.size();
            PartialParse p = new PartialParse(n);
            int steps = 0;
            while (!p.isComplete()) {
                int t;
                do t = random.nextInt(system.numTransitions()); while (!system.isLegal(p, t));
                system.apply(p, t);
                steps++;
            }
            if (steps != 2 * n) wrongLength++;
            int[] gold = new int[n + 1];
            System.arraycopy(s.heads(), 0, gold, 1, n);
            int[] sequence = oracle.sequence(n, gold, new int[n + 1]);
            if (sequence == null) continue;
            projective++;
            PartialParse q = new PartialParse(n);
            for (int t : sequence) system.apply(q, t);
            if (!Arrays.equals(q.heads(), s.heads())) oracleMismatch++;
        }
        r.close("EWT dev sentences (" + dev.size() + ") whose random legal transition sequence is not 2n long", 0, wrongLength, 0);
        r.close("projective EWT dev trees (" + projective + ") the oracle's 2n transitions do not rebuild", 0, oracleMismatch, 0);
    }
}
