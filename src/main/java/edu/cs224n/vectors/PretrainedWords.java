package edu.cs224n.vectors;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fixed table of pre-trained word vectors beside a model's trainable word embedding, as Stanza's taggers and parsers
 * have: words training never saw still get their vector. Row 0 is "no vector" (zeros: a parser's ROOT, words the vectors
 * lack), then the vector file's first words in its order. Words are looked up lowercased, as the project's vectors are
 * trained. {@code dim} is the vectors' dimension. The graph part ({@link #addTo}) and the model-file part
 * ({@link #writeTo}, {@link #readFrom}) are shared by every model that has one.
 */
public record PretrainedWords(Vocabulary ids, int dim) {
    static final String NONE = "<none>";
    /** The fixed table's layer, and the trainable map from its dimension to the word embedding's (only when they differ). */
    public static final String TABLE = "pretrained_emb", MAP = "pretrained_map";
    static final String FILE = "vocab/pretrained.txt";

    public static PretrainedWords of(WordVectors vectors, int max) {
        List<String> lines = new ArrayList<>();
        lines.add("0");
        lines.add(NONE);
        for (String w : vectors.vectors().keySet()) {
            if (lines.size() - 2 >= max) break; // the header and NONE are not words
            if (!w.equals(NONE)) lines.add(w);
        }
        return new PretrainedWords(Vocabulary.fromLines(lines), vectors.dim());
    }

    public int size() {
        return ids.size();
    }

    public String word(int id) {
        return ids.get(id);
    }

    /** The form's row (0: no vector). */
    public int id(String form) {
        return ids.id(form.toLowerCase(Locale.ROOT));
    }

    /** Per position 0..n (0 = a parser's ROOT: none) the word's row. */
    public int[] encode(Sentence s) {
        int[] out = new int[s.size() + 1];
        for (int i = 0; i < s.size(); i++) out[i + 1] = id(s.tokens().get(i).form());
        return out;
    }

    /**
     * Adds the fixed table on {@code input} (FrozenLayer: its rows are never updated) and a vertex {@code sum} = the
     * trainable embedding {@code trainable} + the table's vector. Vectors of another dimension than {@code wordDim} go
     * through a trainable linear map first (no bias: a word without a vector stays zero), as Stanza does.
     */
    public void addTo(ComputationGraphConfiguration.GraphBuilder g, String input, String trainable, int wordDim, String sum) {
        g.addLayer(TABLE, new FrozenLayer(new EmbeddingSequenceLayer.Builder().nIn(size()).nOut(dim).inferInputLength(true)
                .outputDataFormat(RNNFormat.NCW).build()), input);
        String fixed = TABLE;
        if (dim != wordDim) {
            g.addLayer(MAP, new TimeDistributed(new DenseLayer.Builder().nIn(dim).nOut(wordDim)
                    .activation(Activation.IDENTITY).hasBias(false).build(), RNNFormat.NCW), TABLE);
            fixed = MAP;
        }
        g.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), trainable, fixed);
    }

    /** Writes the vectors into the network's fixed table (row 0, no vector, stays zero). */
    public void fill(ComputationGraph net, WordVectors vectors) {
        INDArray table = net.getLayer(TABLE).getParam("W");
        table.assign(0);
        for (int id = 1; id < size(); id++) table.putRow(id, Nd4j.create(vectors.vectors().get(word(id))));
    }

    /** Whether the network maps its pre-trained vectors to the word embedding's dimension (see {@link #addTo}). */
    public static boolean mapped(ComputationGraph net) {
        return net.getConfiguration().getVertices().containsKey(MAP);
    }

    /** The share of these sentences' tokens that have a vector. */
    public double coverage(List<Sentence> sentences) {
        long tokens = 0, covered = 0;
        for (Sentence s : sentences) {
            for (var t : s.tokens()) covered += id(t.form()) > 0 ? 1 : 0;
            tokens += s.size();
        }
        return (double) covered / Math.max(1, tokens);
    }

    /** The line a training run logs: where the vectors came from, what was kept, and how much of the training text they cover. */
    public String summary(java.nio.file.Path file, WordVectors vectors, int wordDim, List<Sentence> train) {
        return String.format(Locale.ROOT, "pretrained vectors: %s, %d words kept (of %d), dimension %d%s; %.1f%% of training tokens have one",
                file, size() - 1, vectors.vectors().size(), dim, dim == wordDim ? "" : " (mapped to word_dim " + wordDim + " by a trainable linear map)",
                100 * coverage(train));
    }

    public ModelFile.Builder writeTo(ModelFile.Builder f) {
        return f.lines(FILE, ids.lines());
    }

    /** The table's words as {@link #writeTo} saved them; the dimension is the network's table's. */
    public static PretrainedWords readFrom(ModelFile.Contents c, ComputationGraph net) {
        return new PretrainedWords(Vocabulary.fromLines(c.lines(FILE)), (int) net.getLayer(TABLE).getParam("W").size(1));
    }
}
