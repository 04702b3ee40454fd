package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.TagSet;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parser's vocabularies, built from the training set: words and each tag set (with NULL, ROOT and
 * UNK reserved as ids 0, 1, 2), and labels (NULL reserved for "no such child"). Also turns sentences into
 * the id arrays the feature extractor reads.
 */
public record ParserVocabulary(Vocabulary words, List<TagSet> tagSets, List<Vocabulary> tags, Vocabulary labels,
                               boolean lowercase) {
    public static final String NULL = "<NULL>";
    public static final String ROOT = "<ROOT>";
    public static final String UNK = "<UNK>";
    public static final int NULL_ID = 0;
    public static final int ROOT_ID = 1;
    public static final int UNK_ID = 2;
    /** Ids below this are NULL, ROOT and UNK; words by frequency follow. */
    public static final int RESERVED = 3;

    public static ParserVocabulary build(List<Sentence> train, List<TagSet> tagSets, boolean labelled, boolean lowercase,
                                         int minWordCount) {
        Map<String, Integer> wordCounts = new HashMap<>();
        List<Map<String, Integer>> tagCounts = new ArrayList<>();
        for (int i = 0; i < tagSets.size(); i++) tagCounts.add(new HashMap<>());
        TreeSet<String> labelSet = new TreeSet<>();
        for (Sentence s : train) {
            for (Token t : s.tokens()) {
                wordCounts.merge(normalise(t.form(), lowercase), 1, Integer::sum);
                for (int i = 0; i < tagSets.size(); i++) tagCounts.get(i).merge(t.tag(tagSets.get(i)), 1, Integer::sum);
                labelSet.add(t.deprel());
            }
        }
        List<String> reserved = List.of(NULL, ROOT, UNK);
        Vocabulary words = Vocabulary.build(reserved, wordCounts, minWordCount, UNK);
        List<Vocabulary> tags = new ArrayList<>();
        for (Map<String, Integer> c : tagCounts) tags.add(Vocabulary.build(reserved, c, 1, UNK));
        List<String> labelEntries = new ArrayList<>();
        labelEntries.add(NULL);
        if (labelled) labelEntries.addAll(labelSet);
        else labelEntries.add("_");
        Vocabulary labels = Vocabulary.build(labelEntries, Map.of(), 1, null);
        return new ParserVocabulary(words, List.copyOf(tagSets), List.copyOf(tags), labels, lowercase);
    }

    static String normalise(String form, boolean lowercase) {
        return lowercase ? form.toLowerCase(Locale.ROOT) : form;
    }

    /** Adds the vocabularies to a model file: {@code vocab/words.txt}, {@code vocab/tags_upos.txt} (and xpos), {@code vocab/labels.txt}. */
    public edu.cs224n.io.ModelFile.Builder writeTo(edu.cs224n.io.ModelFile.Builder f) {
        f.lines("vocab/words.txt", words.lines());
        for (int i = 0; i < tagSets.size(); i++) f.lines("vocab/tags_" + tagSets.get(i).name().toLowerCase(Locale.ROOT) + ".txt", tags.get(i).lines());
        return f.lines("vocab/labels.txt", labels.lines());
    }

    /** The vocabularies {@link #writeTo} stored, for a parser that reads {@code tagSets}. */
    public static ParserVocabulary readFrom(edu.cs224n.io.ModelFile.Contents c, List<TagSet> tagSets, boolean lowercase) {
        List<Vocabulary> tags = new ArrayList<>();
        for (TagSet t : tagSets) tags.add(Vocabulary.fromLines(c.lines("vocab/tags_" + t.name().toLowerCase(Locale.ROOT) + ".txt")));
        return new ParserVocabulary(Vocabulary.fromLines(c.lines("vocab/words.txt")), tagSets, tags, Vocabulary.fromLines(c.lines("vocab/labels.txt")),
                lowercase);
    }

    public boolean isLabelled() {
        return !(labels.size() == 2 && labels.get(1).equals("_"));
    }

    /** The transition labels (the label vocabulary without NULL). */
    public List<String> transitionLabels() {
        return labels.entries().subList(1, labels.size());
    }

    public ArcStandard transitionSystem() {
        return new ArcStandard(transitionLabels());
    }

    /** The id of a word form. */
    public int wordId(String form) {
        return words.id(normalise(form, lowercase));
    }

    /** Ids of a sentence: index 0 is ROOT, 1..n the words. */
    public EncodedSentence encode(Sentence s) {
        int n = s.size();
        int[] w = new int[n + 1];
        int[][] t = new int[tagSets.size()][n + 1];
        w[0] = ROOT_ID;
        for (int g = 0; g < t.length; g++) t[g][0] = ROOT_ID;
        for (int i = 0; i < n; i++) {
            Token tok = s.tokens().get(i);
            w[i + 1] = wordId(tok.form());
            for (int g = 0; g < t.length; g++) t[g][i + 1] = tags.get(g).id(tok.tag(tagSets.get(g)));
        }
        return new EncodedSentence(n, w, t, null);
    }

    /** Gold heads and label indices (into {@link #transitionLabels()}), indexed by word 1..n. */
    public int[][] goldArcs(Sentence s) {
        int n = s.size();
        int[] heads = new int[n + 1];
        int[] labelIds = new int[n + 1];
        boolean labelled = isLabelled();
        for (int i = 0; i < n; i++) {
            Token t = s.tokens().get(i);
            heads[i + 1] = t.head();
            if (labelled) {
                if (!labels.contains(t.deprel())) {
                    labelIds[i + 1] = -1;
                } else {
                    labelIds[i + 1] = labels.id(t.deprel()) - 1;
                }
            }
        }
        return new int[][] {heads, labelIds};
    }

    /**
     * An input sentence's ids: words and tags per position 0..n (0 = ROOT); {@code context}, for a parser with a
     * {@link TaggerContext}, the tagger's state per position (else null).
     */
    public record EncodedSentence(int n, int[] words, int[][] tags, float[][] context) {
        public EncodedSentence withContext(float[][] states) {
            if (states.length != n + 1) throw new IllegalArgumentException(states.length + " context rows for " + n + " words and ROOT");
            return new EncodedSentence(n, words, tags, states);
        }
    }
}
