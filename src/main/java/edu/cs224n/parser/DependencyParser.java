package edu.cs224n.parser;

import edu.cs224n.data.Sentence;

import java.util.List;

/**
 * What every trained parser does, whichever kind it is (the transition parser, an ensemble of them, the biaffine graph
 * parser): parse sentences, and say through its vocabulary what input it reads ({@link InputContract}).
 */
public interface DependencyParser {
    /** The model-file kind. */
    String kind();

    /** The words, tag sets and labels the parser was trained on. */
    ParserVocabulary vocabulary();

    /** The sentences with predicted HEAD and DEPREL (gold ones, if any, ignored); {@code threads} 0 = all cores. */
    List<Sentence> parse(List<Sentence> sentences, int threads);
}
