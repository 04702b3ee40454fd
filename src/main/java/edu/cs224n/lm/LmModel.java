package edu.cs224n.lm;

import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.train.TrainableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A trained word-level RNN LM: network, vocabulary and config in one model file. */
public final class LmModel implements TrainableModel {
    public static final String KIND = "language-model";
    static final String VOCAB = "vocab/words.txt";

    private final ComputationGraph net;
    private final LmVocabulary vocab;
    private final LmConfig config;

    public LmModel(ComputationGraph net, LmVocabulary vocab, LmConfig config) {
        this.net = net;
        this.vocab = vocab;
        this.config = config;
    }

    @Override
    public ComputationGraph network() { return net; }

    public LmVocabulary vocabulary() { return vocab; }

    @Override
    public LmConfig config() { return config; }

    /** A perplexity as this model's level reports it: PPL for words, BPC and nats per character for characters. */
    public String summary(Perplexity p) {
        return config.charLevel() ? p.charSummary() : p.summary();
    }

    /** Perplexity on word-level text (one sentence a line, or CoNLL forms), every token predicted. */
    public Perplexity perplexity(List<List<String>> sentences) {
        return perplexity(sentences, 1);
    }

    /** Perplexity read as {@code parts} parts side by side (faster; exact for 1): {@link RnnLmNetwork#perplexity(ComputationGraph, TokenStream, int, int)}. */
    public Perplexity perplexity(List<List<String>> sentences, int parts) {
        return RnnLmNetwork.perplexity(net, new TokenStream(vocab.encode(sentences)), config.evalWindow(), parts);
    }

    /**
     * Samples {@code length} tokens after the prime (none: after a sentence end), each drawn from
     * softmax(logits / temperature); the same seed gives the same text. Sentence ends print as new lines.
     */
    public String sample(List<String> prime, int length, double temperature, long seed) {
        if (!(temperature > 0)) throw new IllegalArgumentException("--temperature: expected > 0, got " + temperature);
        Random rng = new Random(seed);
        net.rnnClearPreviousState();
        List<Integer> context = new ArrayList<>();
        context.add(LmVocabulary.EOS_ID);
        for (String w : prime) context.add(config.charLevel() && w.equals("\n") ? LmVocabulary.EOS_ID : vocab.words().id(w));
        INDArray probs = null;
        for (int id : context) probs = step(id);
        String sep = config.charLevel() ? "" : " ";
        StringBuilder out = new StringBuilder(String.join(sep, prime));
        for (int i = 0; i < length; i++) {
            int next = draw(probs, temperature, rng);
            if (next == LmVocabulary.EOS_ID) out.append('\n');
            else out.append(out.length() == 0 || out.charAt(out.length() - 1) == '\n' ? "" : sep).append(vocab.words().get(next));
            probs = step(next);
        }
        net.rnnClearPreviousState();
        return out.toString();
    }

    /** {@link #sample(List, int, double, long)} after a prime given as text: words split at whitespace, or characters. */
    public String sample(String prime, int length, double temperature, long seed) {
        List<String> tokens = config.charLevel() ? prime.codePoints().mapToObj(Character::toString).toList()
                : prime.isBlank() ? List.of() : List.of(prime.strip().split("\\s+"));
        return sample(tokens, length, temperature, seed);
    }

    private INDArray step(int id) {
        return net.rnnTimeStep(Nd4j.create(new float[] {id}, new long[] {1, 1, 1}, 'c'))[0].reshape(-1);
    }

    private static int draw(INDArray probs, double temperature, Random rng) {
        double[] p = probs.toDoubleVector();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(Math.max(p[i], 0), 1.0 / temperature);
            sum += p[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u <= 0) return i;
        }
        return p.length - 1;
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        return ModelFile.builder(KIND).network(net, withUpdater).config(config).lines(VOCAB, vocab.words().lines());
    }

    public static LmModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    public static LmModel from(ModelFile.Contents c) {
        LmConfig config = c.config(LmConfig.class);
        LmVocabulary vocab = new LmVocabulary(Vocabulary.fromLines(c.lines(VOCAB)));
        return new LmModel(CarriedStateGraph.of(c.requireNetwork()), vocab, config);
    }
}
