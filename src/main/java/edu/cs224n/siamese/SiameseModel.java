package edu.cs224n.siamese;

import edu.cs224n.config.Configs;
import edu.cs224n.train.ModelArchive;
import edu.cs224n.train.TrainerState;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trained Siamese map: the graph and its config (which says whether inputs are unit-normalised first). */
public record SiameseModel(ComputationGraph network, SiameseConfig config) {
    static final String CONFIG = "config.yaml";

    /** The network's input for these words: their vectors, unit-normalised when the config says so. */
    public INDArray inputs(WordVectors vectors, List<String> words) {
        INDArray x = vectors.matrix(words);
        return config.normalize() ? normalizeRows(x) : x;
    }

    public static INDArray normalizeRows(INDArray x) {
        return x.divColumnVector(x.norm2(1).reshape(-1, 1).addi(1e-12));
    }

    /** Every word of {@code vectors} through the learned map: a new vector file in the learned space. */
    public WordVectors map(WordVectors vectors) {
        List<String> words = vectors.words();
        return WordVectors.of(words, SiameseNetwork.map(network, inputs(vectors, words)));
    }

    public void save(Path target, boolean withUpdater, Map<String, String> extra) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(CONFIG, Configs.toYaml(config));
        entries.putAll(extra);
        ModelArchive.write(target, network, withUpdater, entries);
    }

    public record Loaded(SiameseModel model, TrainerState state) {}

    public static SiameseModel load(Path file) throws IOException {
        return loadWithState(file, false).model();
    }

    public static Loaded loadWithState(Path file, boolean withUpdater) throws IOException {
        ModelArchive.Contents c = ModelArchive.read(file, withUpdater);
        SiameseConfig config = Configs.fromYaml(file + "!" + CONFIG, c.entry(CONFIG, file), SiameseConfig.defaults(), SiameseConfig.class);
        if (c.network().getVertex(SiameseNetwork.DISTANCE) == null) throw new IllegalArgumentException(file + ": not a Siamese model");
        String state = c.entries().get(ModelArchive.TRAINER_STATE);
        return new Loaded(new SiameseModel(c.network(), config), state == null ? null : TrainerState.fromJson(state));
    }
}
