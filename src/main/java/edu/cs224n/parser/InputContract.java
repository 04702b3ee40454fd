package edu.cs224n.parser;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.TagSet;
import edu.cs224n.data.Token;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a parser asks of its input. A tag set the model reads must be in the input: a column that is {@code _} on every
 * word is refused, naming the column (a parser trained with XPOS drops from ~87 to ~69 UAS on input without it, so it
 * must never parse such input silently; a pipeline predicts the tags instead). A tag or gold label value the model never
 * saw is read as UNK (tags) or cannot be predicted (labels): it is counted and reported once.
 */
public final class InputContract {
    private InputContract() {}

    /** Values the model never saw, per tag set, and gold labels it cannot predict; {@code examples} are a few of them. */
    public record Report(int words, Map<TagSet, Integer> unseenTags, Map<TagSet, List<String>> examples, int unseenLabels,
                         List<String> labelExamples) {
        public boolean clean() {
            return unseenLabels == 0 && unseenTags.values().stream().allMatch(n -> n == 0);
        }

        /** This report and {@code other}'s, as if their inputs were one (a file checked a batch at a time); a few examples kept. */
        public Report plus(Report other) {
            Map<TagSet, Integer> unseen = new EnumMap<>(TagSet.class);
            Map<TagSet, List<String>> ex = new EnumMap<>(TagSet.class);
            for (TagSet set : unseenTags.keySet()) {
                unseen.put(set, unseenTags.get(set) + other.unseenTags.getOrDefault(set, 0));
                TreeSet<String> both = new TreeSet<>(examples.get(set));
                both.addAll(other.examples.getOrDefault(set, List.of()));
                ex.put(set, both.stream().limit(5).toList());
            }
            TreeSet<String> labels = new TreeSet<>(labelExamples);
            labels.addAll(other.labelExamples);
            return new Report(words + other.words, unseen, ex, unseenLabels + other.unseenLabels, labels.stream().limit(5).toList());
        }

        /** One line for the user, or empty when the input is clean. */
        public String note() {
            List<String> parts = new ArrayList<>();
            unseenTags.forEach((set, n) -> {
                if (n > 0) parts.add(String.format(Locale.ROOT, "%d of %d %s values were never seen in training (e.g. %s) and are read as UNK",
                        n, words, set, String.join(", ", examples.get(set))));
            });
            if (unseenLabels > 0) {
                parts.add(String.format(Locale.ROOT, "%d gold DEPREL values are labels the model never saw (e.g. %s) and cannot be predicted",
                        unseenLabels, String.join(", ", labelExamples)));
            }
            return parts.isEmpty() ? "" : "note: " + String.join("; ", parts);
        }
    }

    /**
     * Checks {@code sentences} against {@code vocab}; {@code where} names the input in errors.
     *
     * @throws IllegalArgumentException when a tag column the model reads is {@code _} on every word
     */
    public static Report check(ParserVocabulary vocab, List<Sentence> sentences, String where) {
        int words = 0;
        Map<TagSet, Integer> unseen = new EnumMap<>(TagSet.class), present = new EnumMap<>(TagSet.class);
        Map<TagSet, TreeSet<String>> examples = new EnumMap<>(TagSet.class);
        TreeSet<String> labelExamples = new TreeSet<>();
        int unseenLabels = 0;
        for (TagSet set : vocab.tagSets()) {
            unseen.put(set, 0);
            present.put(set, 0);
            examples.put(set, new TreeSet<>());
        }
        for (Sentence s : sentences) {
            for (Token t : s.tokens()) {
                words++;
                for (int g = 0; g < vocab.tagSets().size(); g++) {
                    TagSet set = vocab.tagSets().get(g);
                    String tag = t.tag(set);
                    if (!tag.equals("_")) present.merge(set, 1, Integer::sum);
                    if (!vocab.tags().get(g).contains(tag)) {
                        unseen.merge(set, 1, Integer::sum);
                        if (examples.get(set).size() < 5) examples.get(set).add(tag);
                    }
                }
                if (vocab.isLabelled() && !t.deprel().equals("_") && !vocab.labels().contains(t.deprel())) {
                    unseenLabels++;
                    if (labelExamples.size() < 5) labelExamples.add(t.deprel());
                }
            }
        }
        for (int g = 0; g < vocab.tagSets().size(); g++) {
            TagSet set = vocab.tagSets().get(g);
            if (words > 0 && present.get(set) == 0 && readsValues(vocab, g)) {
                throw new IllegalArgumentException(where + ": the parser reads " + set + " (" + column(set) + "), and it is '_' on every word of the "
                        + "input; give tagged input, parse with a pipeline file (it predicts the tags: parser parse --model pipeline.zip), "
                        + "or use a parser trained without " + set.name().toLowerCase(Locale.ROOT));
            }
        }
        Map<TagSet, List<String>> ex = new EnumMap<>(TagSet.class);
        examples.forEach((k, v) -> ex.put(k, List.copyOf(v)));
        return new Report(words, unseen, ex, unseenLabels, List.copyOf(labelExamples));
    }

    /** Whether the model's vocabulary of tag set {@code g} holds real tags (not only '_', as from a treebank without them). */
    static boolean readsValues(ParserVocabulary vocab, int g) {
        List<String> entries = vocab.tags().get(g).entries();
        return entries.subList(ParserVocabulary.RESERVED, entries.size()).stream().anyMatch(e -> !e.equals("_"));
    }

    private static String column(TagSet set) {
        return set == TagSet.UPOS ? "CoNLL-U column 4, UPOS; CoNLL-X CPOSTAG" : "CoNLL-U column 5, XPOS; CoNLL-X POSTAG";
    }
}
