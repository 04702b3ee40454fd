package edu.cs224n.parser;

import java.util.List;

/**
 * The arc-standard transition system (CS224n assignment 2 section 2). Transition ids: 0 = SHIFT, 1..L = LEFT-ARC
 * with label l-1, L+1..2L = RIGHT-ARC with label l-L-1; so 2L+1 classes, and 3 in unlabelled mode
 * (one pseudo-label), as in the assignment.
 */
public final class ArcStandard {
    public static final int SHIFT = 0;

    private final List<String> labels;

    /** @param labels the dependency labels; a single "_" gives the unlabelled system */
    public ArcStandard(List<String> labels) {
        if (labels.isEmpty()) throw new IllegalArgumentException("at least one label is needed");
        this.labels = List.copyOf(labels);
    }

    public static ArcStandard unlabelled() {
        return new ArcStandard(List.of("_"));
    }

    public int numLabels() { return labels.size(); }

    public int numTransitions() { return 2 * labels.size() + 1; }

    public boolean isLabelled() { return !(labels.size() == 1 && labels.get(0).equals("_")); }

    public List<String> labels() { return labels; }

    public int leftArc(int label) { return 1 + label; }

    public int rightArc(int label) { return 1 + labels.size() + label; }

    public boolean isLeft(int t) { return t >= 1 && t <= labels.size(); }

    public boolean isRight(int t) { return t > labels.size(); }

    /** The label index of an arc transition. */
    public int labelOf(int t) {
        return isLeft(t) ? t - 1 : t - 1 - labels.size();
    }

    public String name(int t) {
        if (t == SHIFT) return "SHIFT";
        String arc = isLeft(t) ? "LEFT-ARC" : "RIGHT-ARC";
        return isLabelled() ? arc + "(" + labels.get(labelOf(t)) + ")" : arc;
    }

    /** Whether {@code t} may be applied: arcs never take ROOT as a dependent, and ROOT gets its one child last. */
    public boolean isLegal(PartialParse p, int t) {
        if (t == SHIFT) return p.bufferSize() > 0;
        if (isLeft(t)) return p.stackSize() > 2;
        return p.stackSize() > 2 || (p.stackSize() == 2 && p.bufferSize() == 0);
    }

    public void apply(PartialParse p, int t) {
        if (!isLegal(p, t)) throw new IllegalStateException("illegal transition " + name(t) + " in " + p);
        if (t == SHIFT) p.shift();
        else if (isLeft(t)) p.leftArc(labelOf(t));
        else p.rightArc(labelOf(t));
    }
}
