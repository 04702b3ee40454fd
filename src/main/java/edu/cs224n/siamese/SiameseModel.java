package edu.cs224n.siamese;

import edu.cs224n.io.ModelFile;
import edu.cs224n.train.TrainableModel;
import edu.cs224n.vectors.WordVectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A trained Siamese map: the graph and its config (which says whether inputs are unit-normalised first). */
public record SiameseModel(ComputationGraph network, SiameseConfig config) implements TrainableModel {
    public static final String KIND = "siamese";

    /** The network's input for these words: their vectors, unit-normalised when the config says so. */
    public INDArray inputs(WordVectors vectors, List<String> words) {
        INDArray x = vectors.matrix(words);
        return config.normalize() ? normalizeRows(x) : x;
    }

    public static INDArray normalizeRows(INDArray x) {
        return x.divColumnVector(x.norm2(1).reshape(-1, 1).addi(1e-12));
    }

    /** Every vector of the file scaled to unit length, in double precision and the file's word order (the per-word methods' start). */
    public static double[][] unitRows(WordVectors vectors) {
        return normalizeRows(vectors.matrix(vectors.words()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).toDoubleMatrix();
    }

    /** Every word of {@code vectors} through the learned map: a new vector file in the learned space. */
    public WordVectors map(WordVectors vectors) {
        List<String> words = vectors.words();
        return WordVectors.of(words, SiameseNetwork.map(network, inputs(vectors, words)));
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        return ModelFile.builder(KIND).network(network, withUpdater).config(config);
    }

    public static SiameseModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    public static SiameseModel from(ModelFile.Contents c) {
        SiameseConfig config = c.config(SiameseConfig.class);
        ComputationGraph net = c.requireNetwork();
        if (net.getVertex(SiameseNetwork.DISTANCE) == null && net.getVertex(SiameseNetwork.QUAD) == null && net.getVertex(SiameseNetwork.UNIT) == null) throw new IllegalArgumentException(c.where() + ": not a Siamese model");
        return new SiameseModel(net, config);
    }
}
