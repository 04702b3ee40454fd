package edu.cs224n.api;

/**
 * One word of an annotated sentence.
 *
 * @param index  1-based position in its sentence (the CoNLL-U ID)
 * @param lemma  null: the pipeline has no lemmatizer
 * @param head   index of the head word; 0 = the root
 * @param start  character offset of the word's first character in the annotated text; -1 for pre-tokenised input
 * @param end    offset just past its last character; -1 for pre-tokenised input
 */
public record Word(int index, String form, String lemma, String upos, String xpos, int head, String deprel, int start, int end) {}
