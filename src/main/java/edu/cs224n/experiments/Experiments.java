package edu.cs224n.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every experiment by name, in the order they were asked for. */
public final class Experiments {
    private static final Map<String, Supplier<Experiment>> ALL = new LinkedHashMap<>();

    static {
        register(SoftmaxCrossEntropy::new);
        register(DropoutFacts::new);
        register(SmallIdentities::new);
        register(SigmoidLosses::new);
        register(Convolutions::new);
        register(GradientDerivations::new);
        register(LongTermDependencies::new);
        register(Optimisers::new);
        register(ParserOptimisers::new);
        register(EarlyStoppingVsL2::new);
        register(GruGates::new);
        register(AttentionVsPlain::new);
        register(VaeQuestions::new);
        register(GatedFeedbackStudy::new);
    }

    private Experiments() {}

    private static void register(Supplier<Experiment> factory) {
        ALL.put(factory.get().name(), factory);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Experiment get(String name) {
        Supplier<Experiment> factory = ALL.get(name);
        if (factory == null) throw new IllegalArgumentException("no experiment named '" + name + "'; known: " + String.join(", ", names()));
        return factory.get();
    }

    public static List<Experiment> all() {
        return ALL.values().stream().map(Supplier::get).toList();
    }
}
