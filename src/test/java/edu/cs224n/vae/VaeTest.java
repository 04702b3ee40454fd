package edu.cs224n.vae;

import edu.cs224n.config.Configs;
import edu.cs224n.nn.Elbo;
import edu.cs224n.testing.SharedData;
import edu.cs224n.train.Trainer;
import edu.cs224n.train.TrainerState;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The VAE graph's gradients, its learning on the real digits, and the ordering ELBO <= IWAE_k <= IWAE_k'. */
class VaeTest {
    private static VaeConfig small(Map<String, ?> changes) {
        return Configs.with(VaeConfig.defaults(), changes);
    }

    @Test
    void theWholeGraphsGradientsEqualNumericOnesForEveryEstimatorAndTheFlow() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Random r = new Random(3);
            List<Digits.Image> images = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                double[] p = new double[Digits.PIXELS];
                for (int j = 0; j < p.length; j++) p[j] = r.nextInt(3) == 0 ? 1 : 0;
                images.add(new Digits.Image(p, i));
            }
            for (int flow : new int[] {0, 2}) {
                VaeConfig c = small(Map.of("latent", 3, "hidden", 4, "flow_steps", flow, "flow_hidden", 5, "flow_context", flow > 0 ? 2 : 0));
                ComputationGraph net = VaeModel.network(c, c.trainingEstimator(), new NoOp());
                // a flow starts as the identity with zero output weights, where some gradients vanish: move it off that point
                if (flow > 0) net.getLayer(VaeModel.BOUND).getParam("flow").addi(Nd4j.rand(DataType.DOUBLE, net.getLayer(VaeModel.BOUND).getParam("flow").shape()).subi(0.5));
                MultiDataSet ds = VaeTraining.batch(images, 3, new Random(5));
                assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(ds.getFeatures()).labels(ds.getLabels())
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)), "flow steps " + flow);
            }
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void trainingOnTheDigitsRaisesTheBoundAboveTheIndependentPixelModelAndElboIsBelowIwae(@TempDir Path dir) throws IOException {
        SharedData.require("corpora/digits/digits.csv.gz");
        VaeConfig c = small(Map.of("epochs", 25, "iwae_samples", 50));
        VaeTraining training = new VaeTraining(c, dir, new java.io.PrintWriter(java.io.Writer.nullWriter()));
        var result = training.run(false, false);
        TrainerState s = result.state();
        double first = s.history().get(0).metrics().get("valid_elbo"), best = s.best();
        assertTrue(best > first + 5, "the validation ELBO rises: epoch 1 " + first + ", best " + best);
        Digits.Split split = VaeTraining.split(c);
        double baseline = Digits.independentPixelLogLikelihood(split.train(), split.test());
        VaeModel m = result.model();
        VaeModel.Bounds b1 = m.bounds(split.test(), 1, 11), b10 = m.bounds(split.test(), 10, 11), b100 = m.bounds(split.test(), 100, 11);
        assertTrue(b100.iwae() > baseline, "IWAE_100 " + b100.iwae() + " beats the independent pixels' " + baseline);
        assertTrue(b10.elbo() <= b10.iwae(), "ELBO <= IWAE_10");
        assertTrue(b1.iwae() < b10.iwae() && b10.iwae() < b100.iwae(), "IWAE_1 " + b1.iwae() + " < IWAE_10 " + b10.iwae() + " < IWAE_100 " + b100.iwae());
        for (String f : List.of(Trainer.MODEL, "metrics.csv", "curve.png", "run.json", VaePictures.SAMPLES, VaePictures.RECONSTRUCTIONS, VaePictures.LATENT)) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void aMalformedDigitsLineIsReportedWithItsFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.csv");
        String good = "0,".repeat(64) + "3";
        Files.writeString(f, good + "\n" + "0,".repeat(63) + "17,3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Digits.read(f));
        assertTrue(e.getMessage().contains(f + ":2") && e.getMessage().contains("pixel 64") && e.getMessage().contains("0..16"), e.getMessage());
        Files.writeString(f, good + "\n1,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> Digits.read(f));
        assertTrue(e.getMessage().contains(f + ":2") && e.getMessage().contains("65"), e.getMessage());
    }

    @Test
    void theScoreFunctionEstimatorNeedsTheGaussianPosterior() {
        assertThrows(edu.cs224n.config.ConfigException.class, () -> small(Map.of("estimator", "score_function", "flow_steps", 1)).validate());
        assertEquals(Elbo.Estimator.MONTE_CARLO, small(Map.of("flow_steps", 1)).trainingEstimator());
    }
}
