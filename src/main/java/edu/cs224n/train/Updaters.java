package edu.cs224n.train;

import edu.cs224n.nn.JavaAdam;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;

/** DL4J updaters (the first-order optimisers) by name, for configs and command lines: sgd, adagrad, rmsprop, adam. */
public final class Updaters {
    public static final List<String> NAMES = List.of("sgd", "adagrad", "rmsprop", "adam");

    private Updaters() {}

    /** DL4J's updater for {@code name} with learning rate {@code lr} (other settings at DL4J's defaults). */
    public static IUpdater updater(String name, double lr) {
        return switch (name) {
            case "sgd" -> new Sgd(lr);
            case "adagrad" -> new AdaGrad(lr);
            case "rmsprop" -> new RmsProp(lr);
            case "adam" -> new JavaAdam(lr);
            default -> throw new IllegalArgumentException("optimizer: expected one of " + NAMES + ", got " + name);
        };
    }
}
