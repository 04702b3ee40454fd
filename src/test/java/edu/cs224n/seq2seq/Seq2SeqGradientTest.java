package edu.cs224n.seq2seq;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The whole encoder-decoder graph (embeddings, the BiLSTM with its reversals within the mask, the decoder with and
 * without attention, the per-sequence class output) against numeric gradients in double precision, with a batch of
 * padded sources and targets.
 */
class Seq2SeqGradientTest {
    @Test
    void theWholeGraphsGradientsEqualNumericOnesWithPaddedBatches() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (int attention : new int[] {0, 3}) {
                // the attention model also has the per-sequence class output (three classes)
                int classes = attention > 0 ? 3 : 0;
                ComputationGraph net = Seq2SeqNetwork.build(7, 6, new Seq2SeqSizes(3, 2, attention, 0, 1e-3, 3, classes), DataType.DOUBLE, new NoOp());
                List<Seq2SeqBatch.Pair> pairs = List.of(new Seq2SeqBatch.Pair(new int[] {4, 5, 6}, new int[] {4, 5}, classes > 0 ? 2 : -1),
                        new Seq2SeqBatch.Pair(new int[] {6}, new int[] {5, 4, 5}, classes > 0 ? 0 : -1),
                        new Seq2SeqBatch.Pair(new int[] {5, 4}, new int[] {}, classes > 0 ? 1 : -1));
                MultiDataSet ds = Seq2SeqBatch.training(pairs);
                INDArray[] features = Arrays.stream(ds.getFeatures()).map(x -> x.castTo(DataType.DOUBLE)).toArray(INDArray[]::new);
                INDArray[] masks = Arrays.stream(ds.getFeaturesMaskArrays()).map(x -> x == null ? null : x.castTo(DataType.DOUBLE)).toArray(INDArray[]::new);
                INDArray[] labels = Arrays.stream(ds.getLabels()).map(x -> x.castTo(DataType.DOUBLE)).toArray(INDArray[]::new);
                INDArray[] labelMasks = Arrays.stream(ds.getLabelsMaskArrays()).map(x -> x == null ? null : x.castTo(DataType.DOUBLE)).toArray(INDArray[]::new);
                assertEquals(classes > 0 ? 2 : 1, labels.length);
                assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(features).inputMask(masks)
                        .labels(labels).labelMask(labelMasks)
                        .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)), "attention " + attention);
            }
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
