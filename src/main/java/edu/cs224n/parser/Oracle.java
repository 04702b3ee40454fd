package edu.cs224n.parser;

/**
 * The static arc-standard oracle: LEFT-ARC when the second item's gold head is the top; RIGHT-ARC when
 * the top's gold head is the second item and all of the top's dependents are attached; SHIFT otherwise.
 * It fails (returns NONE) exactly when the tree is not projective.
 */
public final class Oracle {
    public static final int NONE = -1;

    private final ArcStandard system;

    public Oracle(ArcStandard system) {
        this.system = system;
    }

    /**
     * The gold transition for {@code p}. {@code goldHeads} and {@code goldLabels} are indexed by word
     * (1..n; index 0 unused); {@code goldChildren[w]} counts w's dependents.
     */
    public int next(PartialParse p, int[] goldHeads, int[] goldLabels, int[] goldChildren) {
        if (p.stackSize() >= 2) {
            int s1 = p.stack(0);
            int s2 = p.stack(1);
            if (s2 != 0 && goldHeads[s2] == s1) return system.leftArc(goldLabels[s2]);
            if (goldHeads[s1] == s2 && p.attachedChildren(s1) == goldChildren[s1] && (s2 != 0 || p.bufferSize() == 0)) {
                return system.rightArc(goldLabels[s1]);
            }
        }
        return p.bufferSize() > 0 ? ArcStandard.SHIFT : NONE;
    }

    /** The full gold sequence, or null when the tree is not projective. */
    public int[] sequence(int n, int[] goldHeads, int[] goldLabels) {
        int[] goldChildren = new int[n + 1];
        for (int w = 1; w <= n; w++) goldChildren[goldHeads[w]]++;
        PartialParse p = new PartialParse(n);
        int[] out = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            int t = next(p, goldHeads, goldLabels, goldChildren);
            if (t == NONE) return null;
            out[i] = t;
            system.apply(p, t);
        }
        return p.isComplete() ? out : null;
    }
}
