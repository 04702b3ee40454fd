package edu.cs224n.api;

import java.util.List;

/** A sentence with its words tagged and parsed; {@code text} is the sentence as it stood in the input (words joined by spaces for pre-tokenised input). */
public record AnnotatedSentence(String text, List<Word> words) {
    public AnnotatedSentence {
        words = List.copyOf(words);
    }
}
