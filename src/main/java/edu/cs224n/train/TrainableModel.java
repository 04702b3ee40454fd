package edu.cs224n.train;

import edu.cs224n.io.ModelFile;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;

/** A model a {@link TrainingRun} trains: its network, its config, and how it is written as a {@link ModelFile}. */
public interface TrainableModel {
    ComputationGraph network();

    Record config();

    /** This model as a model file: the network (with the updater's state for a checkpoint), config, vocabularies, carried models. */
    ModelFile.Builder toFile(boolean withUpdater);

    /** Writes the model file (no updater state) atomically. */
    default void save(Path target) throws IOException {
        toFile(false).write(target);
    }
}
