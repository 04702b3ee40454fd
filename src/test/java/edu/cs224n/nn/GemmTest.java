package edu.cs224n.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/** Direct BLAS gemm equals ND4J's mmul for every layout, transpose and view the recurrent layers use. */
class GemmTest {
    @Test
    void equalsMmulForAllLayoutsTransposesAndViews() {
        Nd4j.getRandom().setSeed(1);
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (char oa : new char[] {'c', 'f'}) for (char ob : new char[] {'c', 'f'}) for (char oc : new char[] {'c', 'f'}) {
                for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) {
                    for (boolean view : new boolean[] {false, true}) {
                        int m = 5, n = 4, k = 3;
                        INDArray a = Nd4j.rand(dt, ta ? new long[] {k, m} : new long[] {m, k}).dup(oa);
                        INDArray b = Nd4j.rand(dt, tb ? new long[] {n, k} : new long[] {k, n}).dup(ob);
                        INDArray cBase = Nd4j.rand(dt, view ? new long[] {m + 3, n + 2} : new long[] {m, n}).dup(oc);
                        // a view: a block of rows of a 'c' matrix or of columns of an 'f' one stays unit-stride
                        INDArray c = view ? (oc == 'c' ? cBase.get(interval(2, 2 + m), all()).get(all(), interval(0, n))
                                : cBase.get(all(), interval(1, 1 + n)).get(interval(0, m), all())) : cBase;
                        INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).muli(0.5).addi(c.mul(2));
                        Gemm.gemm(a, b, c, ta, tb, 0.5, 2.0);
                        assertTrue(expected.equalsWithEps(c, dt == DataType.FLOAT ? 1e-5 : 1e-12),
                                dt + " a " + oa + (ta ? "T" : "") + " b " + ob + (tb ? "T" : "") + " c " + oc + (view ? " view" : ""));
                    }
                }
            }
        }
    }
}
