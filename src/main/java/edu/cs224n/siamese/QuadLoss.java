package edu.cs224n.siamese;

/**
 * A loss over rows {@code [x_l | x_r | t_l | t_r]} (a pair's images and each word's in-batch negative), computed row by
 * row in double precision with a hand-written gradient: Attract-Repel's hinges, explicit retrofitting's squared errors.
 */
public abstract class QuadLoss extends RowLoss {
}
