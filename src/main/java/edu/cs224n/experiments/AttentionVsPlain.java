package edu.cs224n.experiments;

import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.lemma.LemmaBaselines;
import edu.cs224n.lemma.LemmaDictionary;
import edu.cs224n.lemma.LemmatizerConfig;
import edu.cs224n.lemma.LemmatizerModel;
import edu.cs224n.lemma.LemmatizerTraining;
import edu.cs224n.seq2seq.Seq2SeqBatch;
import edu.cs224n.seq2seq.Seq2SeqDecoding;
import edu.cs224n.seq2seq.Seq2SeqNetwork;
import edu.cs224n.seq2seq.Seq2SeqSizes;
import edu.cs224n.seq2seq.Symbols;
import edu.cs224n.seq2seq.SyntheticStrings;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Midterm question 7: the plain encoder-decoder against Bahdanau et al.'s soft attention, on the same encoder and
 * decoder ({@link Seq2SeqNetwork}), first on copying random strings of 5-40 symbols (where the plain model's single
 * fixed-size state must hold the whole input), then on EWT lemmatization by word length, with attention heat maps.
 */
public final class AttentionVsPlain implements Experiment {
    /** The lemmatizers the EWT part compares: trained by {@code lemmatizer train} with the two configs (trained here if absent). */
    static final Path ATTENTION_MODEL = Path.of("runs/lemmatizer-attention"), PLAIN_MODEL = Path.of("runs/lemmatizer-plain");
    static final SyntheticStrings COPY = new SyntheticStrings(false, 8, 5, 40);
    static final int[][] COPY_BUCKETS = {{5, 10}, {11, 20}, {21, 30}, {31, 40}};
    static final int[][] WORD_BUCKETS = {{1, 3}, {4, 6}, {7, 9}, {10, 12}, {13, 99}};
    /** Training time per synthetic model. */
    static final double COPY_SECONDS = 600;

    @Override public String name() { return "attention"; }

    @Override public String title() { return "Soft attention vs the plain encoder-decoder: where the fixed-size bottleneck shows"; }

    @Override public String source() { return "CS224n midterm (seeds 003) question 7"; }

    @Override public boolean fast() { return false; }

    @Override
    public void run(ExperimentReport report) throws Exception {
        copying(report);
        lemmatization(report);
        report.text(ANSWER);
    }

    // ---- 1. copying random strings

    private void copying(ExperimentReport report) throws Exception {
        List<Seq2SeqBatch.Pair> train = COPY.sample(20000, new Random(1)), dev = COPY.sample(300, new Random(2)), test = COPY.sample(2000, new Random(3));
        Path scratch = Files.createTempDirectory("attention-copy");
        double[][] acc = new double[2][], symbolAcc = new double[2][];
        long[] params = new long[2];
        for (int m = 0; m < 2; m++) {
            int attention = m == 0 ? 0 : 64;
            ComputationGraph net = Seq2SeqNetwork.build(COPY.symbols(), COPY.symbols(), new Seq2SeqSizes(16, 64, attention, 0, 2e-3, 11));
            params[m] = net.numParams();
            Seq2SeqDecoding decoding = new Seq2SeqDecoding(net);
            TrainerState state = new Trainer(new Trainer.Options(1000, scratch, "dev_exact", 11, false, COPY_SECONDS))
                    .train(net, Seq2SeqBatch.epochs(train, 64, 11), () -> Map.of("dev_exact", 100 * exact(decoding, dev)),
                            (target, s, checkpoint) -> {}, TrainerState.fresh());
            double[][] byLength = byLength(decoding, test);
            acc[m] = byLength[0];
            symbolAcc[m] = byLength[1];
            report.textf("Copying, %s model: %d parameters, %d epochs in %.0f s (final train loss %.4f per symbol).", m == 0 ? "plain" : "attention",
                    params[m], state.epochsDone(), state.history().stream().mapToDouble(r -> r.trainSeconds()).sum(),
                    state.history().get(state.history().size() - 1).trainLoss());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int b = 0; b < COPY_BUCKETS.length; b++) {
            String bucket = COPY_BUCKETS[b][0] + "-" + COPY_BUCKETS[b][1];
            rows.add(List.of(bucket, pct(acc[0][b]), pct(acc[1][b]), pct(symbolAcc[0][b]), pct(symbolAcc[1][b])));
            report.atLeast("copying, length " + bucket + ": attention's exact-match accuracy minus the plain model's (points)", 0,
                    100 * (acc[1][b] - acc[0][b]));
        }
        int last = COPY_BUCKETS.length - 1;
        report.check("copying: the gap grows with length (gap at 31-40 > gap at 5-10)", "> " + pct(acc[1][0] - acc[0][0]) + " points",
                pct(acc[1][last] - acc[0][last]) + " points", acc[1][last] - acc[0][last] > acc[1][0] - acc[0][0]);
        // Exact match of n symbols is about p^n for a per-symbol accuracy p, so it falls with length for any model that is not
        // perfect: the per-symbol accuracy separates what the bottleneck costs from that compounding. Both are checked.
        for (int b = 0; b < COPY_BUCKETS.length; b++) {
            report.atLeast("copying, length " + COPY_BUCKETS[b][0] + "-" + COPY_BUCKETS[b][1] + ": attention's per-symbol accuracy minus the plain model's (points)",
                    0, 100 * (symbolAcc[1][b] - symbolAcc[0][b]));
        }
        report.check("copying, per-symbol accuracy: the gap grows with length (gap at 31-40 > gap at 5-10)",
                "> " + pct(symbolAcc[1][0] - symbolAcc[0][0]) + " points", pct(symbolAcc[1][last] - symbolAcc[0][last]) + " points",
                symbolAcc[1][last] - symbolAcc[0][last] > symbolAcc[1][0] - symbolAcc[0][0]);
        report.table("copy", List.of("length", "plain_exact", "attention_exact", "plain_symbols", "attention_symbols"), rows);
        report.textf("Copying random strings over %d symbols, lengths %d-%d (20,000 training strings, 2,000 test strings), the same encoder "
                + "(16-d embeddings, 64 LSTM units per direction) and decoder (128 units) for both, each trained %.0f s on one run of the "
                + "project's Trainer; exact match and per-position symbol accuracy on the test strings:", COPY.letters(), COPY.minLength(),
                COPY.maxLength(), COPY_SECONDS);
        report.text(markdownTable(List.of("length", "plain exact %", "attention exact %", "plain symbols %", "attention symbols %"), rows));
        report.chart("copy", lineChart("Copying random strings: exact match by length", "input length", COPY_BUCKETS, acc));
    }

    static double exact(Seq2SeqDecoding d, List<Seq2SeqBatch.Pair> pairs) {
        return byLength(d, pairs, new int[][] {{0, Integer.MAX_VALUE}})[0][0];
    }

    private static double[][] byLength(Seq2SeqDecoding d, List<Seq2SeqBatch.Pair> pairs) {
        return byLength(d, pairs, COPY_BUCKETS);
    }

    /** {exact match, symbol accuracy (output position i equal to the target's, over target symbols)} per source-length bucket. */
    static double[][] byLength(Seq2SeqDecoding d, List<Seq2SeqBatch.Pair> pairs, int[][] buckets) {
        double[] exact = new double[buckets.length], symbols = new double[buckets.length], n = new double[buckets.length], nSymbols = new double[buckets.length];
        for (int i = 0; i < pairs.size(); i += 256) {
            List<Seq2SeqBatch.Pair> part = pairs.subList(i, Math.min(pairs.size(), i + 256));
            List<Seq2SeqDecoding.Decoded> out = d.greedy(part.stream().map(Seq2SeqBatch.Pair::source).toList());
            for (int k = 0; k < part.size(); k++) {
                int b = bucket(buckets, part.get(k).source().length);
                int[] y = out.get(k).ids(), t = part.get(k).target();
                n[b]++;
                if (Arrays.equals(y, t)) exact[b]++;
                for (int j = 0; j < t.length; j++) if (j < y.length && y[j] == t[j]) symbols[b]++;
                nSymbols[b] += t.length;
            }
        }
        for (int b = 0; b < buckets.length; b++) {
            exact[b] /= Math.max(1, n[b]);
            symbols[b] /= Math.max(1, nSymbols[b]);
        }
        return new double[][] {exact, symbols};
    }

    private static int bucket(int[][] buckets, int length) {
        for (int b = 0; b < buckets.length; b++) if (length >= buckets[b][0] && length <= buckets[b][1]) return b;
        throw new IllegalArgumentException("no bucket for length " + length);
    }

    // ---- 2. EWT lemmatization

    private void lemmatization(ExperimentReport report) throws Exception {
        LemmatizerModel attention = model(ATTENTION_MODEL, "conf/lemmatizer-ewt.yaml"), plain = model(PLAIN_MODEL, "conf/lemmatizer-ewt-plain.yaml");
        report.check("the same sizes: embedding, hidden, dropout and training budget equal; attention only in one", "attention > 0 = plain's 0",
                attention.config().attention() + " vs " + plain.config().attention(),
                attention.config().attention() > 0 && plain.config().attention() == 0 && attention.config().hidden() == plain.config().hidden()
                        && attention.config().embedding() == plain.config().embedding());
        List<Sentence> test = ConllSequenceRecordReader.read(DataRoot.require("test", LemmaBaselines.EWT_TEST), false);
        var words = LemmatizerModel.words(test);
        // [plain, attention] x [decoder alone, with the edit classifier]
        List<List<Map<LemmatizerModel.Word, String>>> out = List.of(
                List.of(plain.modelOnly(words, 1, false), plain.modelOnly(words, 1, true)),
                List.of(attention.modelOnly(words, 1, false), attention.modelOnly(words, 1, true)));
        double[][][] correct = new double[2][2][WORD_BUCKETS.length];
        double[] n = new double[WORD_BUCKETS.length];
        double[][] unseen = new double[2][2];
        double unseenN = 0;
        for (Sentence s : test) {
            for (Token t : s.tokens()) {
                if (!LemmaDictionary.hasLemma(t)) continue;
                LemmatizerModel.Word w = LemmatizerModel.Word.of(t);
                int b = bucket(WORD_BUCKETS, Math.min(99, t.form().codePointCount(0, t.form().length())));
                n[b]++;
                boolean isUnseen = !attention.dictionary().seen(t.form());
                if (isUnseen) unseenN++;
                for (int m = 0; m < 2; m++) {
                    for (int e = 0; e < 2; e++) {
                        if (!out.get(m).get(e).get(w).equals(t.lemma())) continue;
                        correct[m][e][b]++;
                        if (isUnseen) unseen[m][e]++;
                    }
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        double[][] acc = new double[2][WORD_BUCKETS.length];
        for (int b = 0; b < WORD_BUCKETS.length; b++) {
            acc[0][b] = correct[0][0][b] / n[b];
            acc[1][b] = correct[1][0][b] / n[b];
            String bucket = WORD_BUCKETS[b][1] == 99 ? WORD_BUCKETS[b][0] + "+" : WORD_BUCKETS[b][0] + "-" + WORD_BUCKETS[b][1];
            rows.add(List.of(bucket, (long) n[b], pct(acc[0][b]), pct(acc[1][b]), pct(correct[0][1][b] / n[b]), pct(correct[1][1][b] / n[b])));
            report.atLeast("EWT test, words of " + bucket + " characters: attention's decoder minus the plain one's (points)", 0,
                    100 * (acc[1][b] - acc[0][b]));
        }
        int last = WORD_BUCKETS.length - 1;
        report.check("EWT: the decoders' gap grows with word length (gap at 13+ > gap at 1-3)", "> " + pct(acc[1][0] - acc[0][0]) + " points",
                pct(acc[1][last] - acc[0][last]) + " points", acc[1][last] - acc[0][last] > acc[1][0] - acc[0][0]);
        report.atLeast("EWT test, words unseen in training: the attention model (edit classifier + decoder, no dictionary), %", 85,
                100 * unseen[1][1] / unseenN);
        report.atLeast("EWT test, unseen words: attention model minus plain model (points)", 0, 100 * (unseen[1][1] - unseen[0][1]) / unseenN);
        report.table("ewt", List.of("word_length", "tokens", "plain_decoder", "attention_decoder", "plain_model", "attention_model"), rows);
        report.textf("EWT test (%d tokens, gold UPOS), without the dictionary, exact lemma match by word length: each decoder alone (every "
                        + "word decoded), and each model (its edit classifier first: the form, its lowercase, or the decoder's output). On the %d "
                        + "tokens whose form training never had: decoders %.2f%% plain, %.2f%% attention; models %.2f%% plain, %.2f%% attention. "
                        + "Models: `%s` (%d parameters) and `%s` (%d parameters).", (long) Arrays.stream(n).sum(), (long) unseenN,
                100 * unseen[0][0] / unseenN, 100 * unseen[1][0] / unseenN, 100 * unseen[0][1] / unseenN, 100 * unseen[1][1] / unseenN,
                ATTENTION_MODEL.resolve(Trainer.MODEL), attention.network().numParams(), PLAIN_MODEL.resolve(Trainer.MODEL), plain.network().numParams());
        report.text(markdownTable(List.of("word length", "tokens", "plain decoder %", "attention decoder %", "plain model %", "attention model %"), rows));
        report.chart("ewt", lineChart("EWT lemmas (decoder alone, no dictionary) by word length", "word length", WORD_BUCKETS, acc));
        heatMaps(report, attention);
    }

    private static LemmatizerModel model(Path dir, String config) throws Exception {
        Path file = dir.resolve(Trainer.MODEL);
        if (!Files.exists(file)) {
            LemmatizerConfig c = Configs.load(Path.of(config), List.of(), LemmatizerConfig.class);
            new LemmatizerTraining(c, dir, new PrintWriter(OutputStream.nullOutputStream())).run(true, false);
        }
        return LemmatizerModel.load(file);
    }

    private static void heatMaps(ExperimentReport report, LemmatizerModel model) {
        Seq2SeqDecoding d = new Seq2SeqDecoding(model.network());
        String[][] words = {{"studies", "NOUN", "NNS"}, {"went", "VERB", "VBD"}, {"children", "NOUN", "NNS"}};
        StringBuilder text = new StringBuilder("Attention of the attention model (greedy decoding; rows: output characters, then the end "
                + "symbol; columns: the input, its UPOS symbol first, then its XPOS symbol if the model reads one):");
        for (String[] w : words) {
            LemmatizerModel.Word word = new LemmatizerModel.Word(w[0], w[1], w[2]);
            Seq2SeqDecoding.Decoded out = d.greedy(List.of(model.sourceIds(word)), true).get(0);
            String lemma = Symbols.spell(model.targetSymbols(), out.ids());
            List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
            inputs.add("0 <" + w[1] + ">");
            if (model.config().xpos()) inputs.add("0 <x:" + w[2] + ">");
            List<String> chars = Symbols.characters(w[0]);
            for (int i = 0; i < chars.size(); i++) inputs.add((i + 1) + " " + chars.get(i));
            List<String> outChars = Symbols.characters(lemma);
            for (int j = 0; j < out.attention().size(); j++) outputs.add((j + 1) + " " + (j < outChars.size() ? outChars.get(j) : "</s>"));
            List<Number[]> heat = new ArrayList<>();
            for (int j = 0; j < out.attention().size(); j++) {
                double[] alpha = out.attention().get(j);
                for (int i = 0; i < inputs.size(); i++) heat.add(new Number[] {i, j, Math.round(alpha[i] * 100) / 100.0});
            }
            HeatMapChart chart = new HeatMapChartBuilder().width(520).height(360).title(w[0] + " (" + w[1] + ") -> " + lemma).xAxisTitle("input")
                    .yAxisTitle("output").build();
            chart.getStyler().setShowValue(true);
            chart.getStyler().setMin(0);
            chart.getStyler().setMax(1);
            chart.getStyler().setLegendVisible(false);
            chart.addSeries("attention", inputs, outputs, heat);
            report.chart("heatmap-" + w[0], chart);
            text.append(String.format(java.util.Locale.ROOT, " %s -> %s;", w[0], lemma));
        }
        report.text(text.substring(0, text.length() - 1) + ".");
    }

    // ---- shared

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", 100 * v);
    }

    private static String markdownTable(List<String> header, List<List<Object>> rows) {
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", header) + " |\n|" + "---|".repeat(header.size()) + "\n");
        for (List<Object> r : rows) sb.append("| ").append(String.join(" | ", r.stream().map(String::valueOf).toList())).append(" |\n");
        return sb.toString();
    }

    private static XYChart lineChart(String title, String xTitle, int[][] buckets, double[][] acc) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle(xTitle + " (bucket middle)").yAxisTitle("accuracy %").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        double[] x = new double[buckets.length];
        for (int b = 0; b < buckets.length; b++) x[b] = buckets[b][1] == 99 ? buckets[b][0] + 1 : (buckets[b][0] + buckets[b][1]) / 2.0;
        chart.addSeries("plain seq2seq", x, Arrays.stream(acc[0]).map(v -> 100 * v).toArray());
        chart.addSeries("attention", x, Arrays.stream(acc[1]).map(v -> 100 * v).toArray());
        return chart;
    }

    static final String ANSWER = """
            ## Question 7, answered with this code

            **The plain encoder-decoder** (Sutskever et al. 2014; `seq2seq/Seq2SeqNetwork.java` with `attention: 0`) reads the
            input x_1..x_n with an encoder RNN (here a BiLSTM over the characters, preceded by the word's UPOS as one symbol) and
            keeps only its final states: the decoder LSTM starts from s_0 = tanh(W_i [h_fwd(n); h_bwd(1)] + b_i) and then emits
            y_1, y_2, ... with s_t = LSTM(y_{t-1}, s_{t-1}) and p(y_t | y_<t, x) = softmax(W_o s_t + b_o). Everything the decoder
            will ever know about the input has to pass through the one fixed-size state s_0 (with the LSTM's cell), whatever n is.

            **Soft attention** (Bahdanau et al. 2015; `attention: 100`, `nn/AdditiveAttention.java` inside
            `nn/AttentionDecoder.java`) keeps every encoder state h_j = [h_fwd(j); h_bwd(j)] and, before each output step,
            looks them up again:

                e_tj = v^T tanh(W_a s_{t-1} + U_a h_j)        (a score for every input position j)
                alpha_tj = exp(e_tj) / sum_k exp(e_tk)        (a distribution over the input; padding gets exactly 0)
                c_t = sum_j alpha_tj h_j                      (the context: a weighted average of the encoder states)
                s_t = LSTM([y_{t-1}; c_t], s_{t-1})           p(y_t | y_<t, x) = softmax(W_o [s_t; c_t] + b_o)

            The weights alpha_t are computed, not fixed, so the model learns an alignment (which input characters each output
            character comes from) from the output loss alone; the whole thing stays differentiable and is trained end to end
            (the layer's backward pass is written by hand and checked against numeric gradients in `AttentionDecoderTest`).

            **What attention buys.** The plain model must compress the whole input into s_0 and then unroll it; the longer the
            input, the more it loses (and its gradients reach early input positions only through the long decoder and encoder
            chains). With attention the decoder has a direct, input-length-independent path to every input state at every
            step, so copying long stretches (most of a lemma is a copy of the word) does not depend on memorising them: the
            tables above show the plain model's accuracy falling with length on random strings and on long EWT words, while the
            attention model's barely moves. The heat maps show the learned alignment: each lemma character attends to the
            input character it copies (near-diagonal), and the end symbol attends to where the suffix is cut. The cost is a
            score per (output, input) pair, O(n m) per word, and more parameters: W_a, U_a, v, plus the wider LSTM input and
            output matrices that read c_t (the parameter counts are above).
            """;
}
