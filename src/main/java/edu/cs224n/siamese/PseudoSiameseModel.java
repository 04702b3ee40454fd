package edu.cs224n.siamese;

import edu.cs224n.io.ModelFile;
import edu.cs224n.train.TrainableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/** A trained pseudo-Siamese classifier: the graph, its config and the class (UPOS) names in output order. */
public record PseudoSiameseModel(ComputationGraph network, PseudoSiameseConfig config, List<String> classes) implements TrainableModel {
    public static final String KIND = "pseudo-siamese";
    static final String CLASSES = "classes.txt";

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        return ModelFile.builder(KIND).network(network, withUpdater).config(config).lines(CLASSES, classes);
    }

    public static PseudoSiameseModel from(ModelFile.Contents c) {
        return new PseudoSiameseModel(c.requireNetwork(), c.config(PseudoSiameseConfig.class), c.lines(CLASSES));
    }
}
