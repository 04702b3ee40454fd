package edu.cs224n.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * A parser configuration (CS224n assignment 2's PartialParse): a stack that starts as [ROOT], a buffer of the
 * words 1..n, and the arcs found so far. Words are 1-based positions, ROOT is 0. Children are tracked
 * as they are attached (the most recent left arc is the leftmost child, the most recent right arc the
 * rightmost), so feature extraction needs no search and no allocation.
 */
public final class PartialParse {
    public static final int NONE = -1;

    private final int n;
    private final int[] stack;
    private int top;             // number of items on the stack
    private int next;            // first buffer word
    private final int[] heads;   // 1..n, NONE until attached
    private final int[] labels;  // label index of the arc into each word
    private final int[] lc1, lc2, rc1, rc2;
    private final int[] children; // attached dependents per word
    private int steps;

    public PartialParse(int n) {
        this.n = n;
        stack = new int[n + 1];
        heads = new int[n + 1];
        labels = new int[n + 1];
        lc1 = new int[n + 1];
        lc2 = new int[n + 1];
        rc1 = new int[n + 1];
        rc2 = new int[n + 1];
        children = new int[n + 1];
        java.util.Arrays.fill(heads, NONE);
        java.util.Arrays.fill(labels, NONE);
        java.util.Arrays.fill(lc1, NONE);
        java.util.Arrays.fill(lc2, NONE);
        java.util.Arrays.fill(rc1, NONE);
        java.util.Arrays.fill(rc2, NONE);
        stack[0] = 0;
        top = 1;
        next = 1;
    }

    public int length() { return n; }

    public int stackSize() { return top; }

    public int bufferSize() { return n + 1 - next; }

    /** The i-th item from the top of the stack (0 = top), or NONE. */
    public int stack(int i) { return i < top ? stack[top - 1 - i] : NONE; }

    /** The i-th word of the buffer (0 = first), or NONE. */
    public int buffer(int i) { return next + i <= n ? next + i : NONE; }

    public boolean isComplete() { return next > n && top == 1; }

    public int steps() { return steps; }

    public int head(int word) { return heads[word]; }

    public int label(int word) { return labels[word]; }

    public int attachedChildren(int word) { return children[word]; }

    /** Leftmost (k=1) or second leftmost (k=2) child of {@code word}, or NONE; NONE for NONE. */
    public int leftChild(int word, int k) {
        if (word == NONE) return NONE;
        return k == 1 ? lc1[word] : lc2[word];
    }

    public int rightChild(int word, int k) {
        if (word == NONE) return NONE;
        return k == 1 ? rc1[word] : rc2[word];
    }

    void shift() {
        stack[top++] = next++;
        steps++;
    }

    /** LEFT-ARC: the second item becomes a dependent of the top one and leaves the stack. */
    void leftArc(int label) {
        int head = stack[top - 1];
        int dep = stack[top - 2];
        attach(head, dep, label);
        lc2[head] = lc1[head];
        lc1[head] = dep;
        stack[top - 2] = head;
        top--;
        steps++;
    }

    /** RIGHT-ARC: the top item becomes a dependent of the second one and leaves the stack. */
    void rightArc(int label) {
        int head = stack[top - 2];
        int dep = stack[top - 1];
        attach(head, dep, label);
        rc2[head] = rc1[head];
        rc1[head] = dep;
        top--;
        steps++;
    }

    private void attach(int head, int dep, int label) {
        heads[dep] = head;
        labels[dep] = label;
        children[head]++;
    }

    /** Predicted heads for words 1..n as an array indexed 0..n-1. */
    public int[] heads() {
        int[] out = new int[n];
        System.arraycopy(heads, 1, out, 0, n);
        return out;
    }

    public int[] labels() {
        int[] out = new int[n];
        System.arraycopy(labels, 1, out, 0, n);
        return out;
    }

    /** The stack bottom-to-top, as the seed writes it ([ROOT, I, parsed]). */
    public List<Integer> stackList() {
        List<Integer> out = new ArrayList<>(top);
        for (int i = 0; i < top; i++) out.add(stack[i]);
        return out;
    }

    public List<Integer> bufferList() {
        List<Integer> out = new ArrayList<>();
        for (int w = next; w <= n; w++) out.add(w);
        return out;
    }

    @Override
    public String toString() {
        return "stack=" + stackList() + " buffer=" + bufferList();
    }
}
