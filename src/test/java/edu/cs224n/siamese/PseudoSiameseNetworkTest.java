package edu.cs224n.siamese;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

/** The pseudo-Siamese graph against the midterm's question 5: the deltas and grad_x J. */
class PseudoSiameseNetworkTest {
    @AfterEach
    void restoreFloat() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Test
    void gradientsEqualTheSeedsDeltas() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        int n = 6, m = 5, k = 4;
        ComputationGraph net = PseudoSiameseNetwork.build(n, m, k, new NoOp(), PseudoSiameseNetwork.Trained.BOTH, 9, DataType.DOUBLE);
        assertEquals(2 * (m * n + m) + k * m + k, net.numParams(), "W1, b1, W2, b2, W3, b3");
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 1, n);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, k).putScalar(0, 2, 1.0);
        // The midterm's column-vector algebra with W [out, in] (DL4J stores [in, out]).
        INDArray w1 = net.getParam("h1_W").transpose(), w2 = net.getParam("h2_W").transpose(), w3 = net.getParam("y_W").transpose();
        INDArray xc = x.reshape(n, 1);
        INDArray h1 = Transforms.sigmoid(w1.mmul(xc).addi(net.getParam("h1_b").reshape(m, 1)));
        INDArray z2 = w2.mmul(xc).addi(net.getParam("h2_b").reshape(m, 1));
        INDArray h2 = Transforms.relu(z2, true);
        INDArray yHat = Transforms.softmax(w3.mmul(h1.add(h2)).addi(net.getParam("y_b").reshape(k, 1)).reshape(1, k)).reshape(k, 1);
        INDArray delta1 = yHat.sub(y.reshape(k, 1));
        INDArray delta2 = w3.transpose().mmul(delta1); // = grad_h1 J = grad_h2 J
        INDArray delta3 = delta2.mul(h1).muli(h1.rsub(1.0));
        INDArray delta4 = delta2.mul(z2.gt(0).castTo(DataType.DOUBLE));
        INDArray gradX = w1.transpose().mmul(delta3).addi(w2.transpose().mmul(delta4));

        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double j = net.score();
        assertEquals(-Math.log(yHat.getDouble(2, 0)), j, 1e-10, "cross-entropy of the correct class");
        assertTrue(delta3.mmul(x).equalsWithEps(net.gradient().getGradientFor("h1_W").transpose(), 1e-10), "grad W1 = delta3 x^T");
        assertTrue(delta4.mmul(x).equalsWithEps(net.gradient().getGradientFor("h2_W").transpose(), 1e-10), "grad W2 = delta4 x^T");
        assertTrue(delta1.mmul(h1.add(h2).transpose()).equalsWithEps(net.gradient().getGradientFor("y_W").transpose(), 1e-10), "grad W3 = delta1 (h1 + h2)^T");

        // grad_x J = W1^T delta3 + W2^T delta4 against central differences of DL4J's score.
        double eps = 1e-6;
        for (int i = 0; i < n; i++) {
            INDArray plus = x.dup(), minus = x.dup();
            plus.putScalar(0, i, x.getDouble(0, i) + eps);
            minus.putScalar(0, i, x.getDouble(0, i) - eps);
            double numeric = (score(net, plus, y) - score(net, minus, y)) / (2 * eps);
            assertEquals(numeric, gradX.getDouble(i, 0), 1e-7, "grad_x J component " + i);
        }
        assertTrue(gradX.norm2Number().doubleValue() > 1e-3);
    }

    private static double score(ComputationGraph net, INDArray x, INDArray y) {
        return net.score(new org.nd4j.linalg.dataset.MultiDataSet(x, y));
    }

    @Test
    void aFrozenBranchKeepsItsWeights() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 3);
        for (int i = 0; i < 8; i++) y.putScalar(i, i % 3, 1f);
        for (PseudoSiameseNetwork.Trained t : PseudoSiameseNetwork.Trained.values()) {
            ComputationGraph net = PseudoSiameseNetwork.build(6, 5, 3, new Sgd(0.5), t, 2, DataType.FLOAT);
            INDArray w1 = net.getParam("h1_W").dup(), w2 = net.getParam("h2_W").dup(), w3 = net.getParam("y_W").dup();
            net.fit(new org.nd4j.linalg.dataset.MultiDataSet(x, y));
            assertEquals(t != PseudoSiameseNetwork.Trained.W2_ONLY, !w1.equals(net.getParam("h1_W")), t + ": W1 trained?");
            assertEquals(t != PseudoSiameseNetwork.Trained.W1_ONLY, !w2.equals(net.getParam("h2_W")), t + ": W2 trained?");
            assertNotEquals(w3, net.getParam("y_W"), t + ": W3 always trains");
        }
    }
}
