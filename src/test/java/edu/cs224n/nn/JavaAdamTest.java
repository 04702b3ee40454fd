package edu.cs224n.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.*;

class JavaAdamTest {
    /**
     * Both updaters on the same gradients, flat as DL4J's updater blocks pass them ([1, n] and [n]): the same update and
     * state, bit for bit.
     */
    @Test
    void updatesAndStatesEqualNd4jsAdamBitForBit() {
        sameAsNd4j(2000);
    }

    /** The same with every array made inside a workspace, as DL4J's training arrays are. */
    @Test
    void inAWorkspaceToo() {
        var config = org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(10_000_000).build();
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "java-adam-test")) {
            Nd4j.create(DataType.FLOAT, 1, 1001); // so the arrays below do not start at the workspace's start
            sameAsNd4j(50);
        }
    }

    private static void sameAsNd4j(int iterations) {
        int n = 2 * 4096 + 851; // two whole chunks of the Java loop and a part of one
        for (long[] shape : new long[][] {{1, n}, {n}}) {
            Adam reference = new Adam(2e-3, 0.9, 0.999, 1e-8);
            JavaAdam mine = new JavaAdam(2e-3, 0.9, 0.999, 1e-8);
            // The state is one array, m its first half and v its second (a view starting mid-buffer), as in DL4J.
            INDArray refState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n), myState = refState.dup();
            GradientUpdater<?> a = reference.instantiate(refState, true), b = mine.instantiate(myState, true);
            assertInstanceOf(JavaAdam.Updater.class, b);
            Nd4j.getRandom().setSeed(11);
            for (int it = 0; it < iterations; it++) {
                INDArray g = Nd4j.randn(DataType.FLOAT, shape).muli(it % 7 == 0 ? 100 : 0.01);
                if (it == 5) g.putScalar(0, 0f);
                INDArray ga = g.dup(), gb = g.dup();
                a.applyUpdater(ga, it, 0);
                b.applyUpdater(gb, it, 0);
                assertArrayEquals(ga.data().asFloat(), gb.data().asFloat(), 0f, java.util.Arrays.toString(shape) + " update at iteration " + it);
                assertArrayEquals(refState.data().asFloat(), myState.data().asFloat(), 0f, java.util.Arrays.toString(shape) + " state at iteration " + it);
                assertNotEquals(g, gb, "the gradient became the update");
            }
            assertEquals(iterations, ((JavaAdam.Updater) b).javaUpdates(), "every update ran as the Java loop");
        }
    }

    @Test
    void aDoubleGradientGoesToNd4jsOp() {
        JavaAdam mine = new JavaAdam(1e-2);
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 1, 8);
        GradientUpdater<?> u = mine.instantiate(state, true);
        INDArray g = Nd4j.createFromArray(1.0, -2.0, 3.0, 0.5).reshape(1, 4);
        INDArray expected = g.dup();
        new Adam(1e-2).instantiate(Nd4j.zeros(DataType.DOUBLE, 1, 8), true).applyUpdater(expected, 0, 0);
        u.applyUpdater(g, 0, 0);
        assertEquals(expected, g);
    }

    @Test
    void itsConfigurationRoundTripsAsJson() throws Exception {
        JavaAdam a = new JavaAdam(3e-3, 0.9, 0.9, 1e-8);
        var mapper = org.nd4j.serde.json.JsonMappers.getMapper();
        Object back = mapper.readValue(mapper.writeValueAsString(a), org.nd4j.linalg.learning.config.IUpdater.class);
        assertInstanceOf(JavaAdam.class, back);
        assertEquals(a, back);
        assertEquals(a, a.clone());
        assertInstanceOf(JavaAdam.class, a.clone());
    }
}
