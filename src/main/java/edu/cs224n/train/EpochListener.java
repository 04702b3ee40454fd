package edu.cs224n.train;

import java.io.IOException;

/** Told after every epoch (with the state including that epoch) and once at the end. */
public interface EpochListener {
    void onEpoch(TrainerState state, EpochResult epoch) throws IOException;

    default void onEnd(TrainerState state) throws IOException {}
}
