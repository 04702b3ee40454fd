package edu.cs224n.biaffine;

/** Package-private checks of the biaffine package for tests elsewhere. */
public final class BiaffineTestAccess {
    private BiaffineTestAccess() {}

    /** Whether heads (index 0 = ROOT) form a tree with exactly one child of ROOT. */
    public static boolean isTree(int[] heads) {
        return BiaffineModel.isTreeWithOneRootChild(heads);
    }
}
