package edu.cs224n.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering the README's architecture section draws: packages use only the layers below them, and no package cycles. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("edu.cs224n");
        // Every package is there to be checked: an empty import would pass any rule.
        for (String p : List.of("api", "bench", "biaffine", "cli", "config", "data", "experiments", "io", "lemma", "lm", "nn", "parser", "pipeline", "seq2seq", "serve", "siamese", "tagger",
                "text", "train", "util", "vae", "vectors")) {
            assertTrue(classes.containPackage("edu.cs224n." + p), "no classes imported from edu.cs224n." + p);
        }
    }

    @Test
    void layersOnlyUseTheLayersBelow() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy("edu.cs224n.util..", "edu.cs224n.config..")
                .layer("Files").definedBy("edu.cs224n.io..")
                .layer("Data and layers").definedBy("edu.cs224n.data..", "edu.cs224n.text..", "edu.cs224n.vectors..", "edu.cs224n.nn..")
                .layer("Training").definedBy("edu.cs224n.train..")
                .layer("Models").definedBy("edu.cs224n.parser..", "edu.cs224n.biaffine..", "edu.cs224n.tagger..", "edu.cs224n.lm..", "edu.cs224n.siamese..", "edu.cs224n.lemma..",
                        "edu.cs224n.seq2seq..", "edu.cs224n.vae..")
                .layer("Applications").definedBy("edu.cs224n.pipeline..", "edu.cs224n.experiments..", "edu.cs224n.bench..")
                .layer("API").definedBy("edu.cs224n.api..")
                .layer("Service").definedBy("edu.cs224n.serve..")
                .layer("CLI").definedBy("edu.cs224n.cli..")
                .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("CLI")
                .whereLayer("API").mayOnlyBeAccessedByLayers("Service", "CLI")
                .whereLayer("Applications").mayOnlyBeAccessedByLayers("API", "Service", "CLI")
                .whereLayer("Models").mayOnlyBeAccessedByLayers("Applications", "API", "Service", "CLI")
                .whereLayer("Training").mayOnlyBeAccessedByLayers("Models", "Applications", "API", "Service", "CLI")
                .whereLayer("Data and layers").mayOnlyBeAccessedByLayers("Training", "Models", "Applications", "API", "Service", "CLI")
                .whereLayer("Files").mayOnlyBeAccessedByLayers("Data and layers", "Training", "Models", "Applications", "API", "Service", "CLI")
                .withOptionalLayers(true);
        assertNoViolation(layers.evaluate(classes));
    }

    @Test
    void noPackageCycles() {
        assertNoViolation(slices().matching("edu.cs224n.(*)..").should().beFreeOfCycles().evaluate(classes));
    }

    private static void assertNoViolation(EvaluationResult result) {
        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }
}
