package edu.cs224n.train;

import edu.cs224n.io.Provenance;
import java.util.ArrayList;
import java.util.List;

/** Where a run stands: epochs done, the best value of the primary metric and when, and every epoch so far. */
public record TrainerState(int epochsDone, double best, int bestEpoch, List<EpochResult> history) {
    public static TrainerState fresh() {
        return new TrainerState(0, Double.NEGATIVE_INFINITY, 0, List.of());
    }

    public TrainerState {
        history = List.copyOf(history);
    }

    TrainerState after(EpochResult r, double score) {
        List<EpochResult> h = new ArrayList<>(history);
        h.add(r);
        boolean improved = score > best;
        return new TrainerState(r.epoch(), improved ? score : best, improved ? r.epoch() : bestEpoch, h);
    }

    public String toJson() {
        return Provenance.toJson(this);
    }

    public static TrainerState fromJson(String json) {
        try {
            return Provenance.JSON.readValue(json, TrainerState.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable trainer state: " + e.getMessage());
        }
    }
}
