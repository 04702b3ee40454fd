package edu.cs224n.train;

import java.util.Map;

/** One epoch: mean training loss, examples/s, evaluation metrics (e.g. dev_uas) and wall times. */
public record EpochResult(int epoch, double trainLoss, long examples, double trainSeconds, double evalSeconds,
                          Map<String, Double> metrics) {
    public double examplesPerSecond() {
        return trainSeconds > 0 ? examples / trainSeconds : 0;
    }
}
