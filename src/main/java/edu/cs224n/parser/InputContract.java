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
        Tally tally = new Tally(vocab);
        for (Sentence s : sentences) tally.add(s);
        int words = tally.words;
        for (int g = 0; g < tally.sets.length; g++) {
            TagSet set = tally.sets[g];
            if (words > 0 && tally.present[g] == 0 && readsValues(vocab, g)) {
                throw new IllegalArgumentException(where + ": the parser reads " + set + " (" + column(set) + "), and it is '_' on every word of the "
                        + "input; give tagged input, parse with a pipeline file (it predicts the tags: parser parse --model pipeline.zip), "
                        + "or use a parser trained without " + set.name().toLowerCase(Locale.ROOT));
            }
        }
        Map<TagSet, Integer> unseen = new EnumMap<>(TagSet.class);
        Map<TagSet, List<String>> ex = new EnumMap<>(TagSet.class);
        for (int g = 0; g < tally.sets.length; g++) {
            unseen.put(tally.sets[g], tally.unseen[g]);
            ex.put(tally.sets[g], List.copyOf(tally.examples[g]));
        }
        return new Report(words, unseen, ex, tally.unseenLabels, List.copyOf(tally.labelExamples));
    }

    /**
     * The counts of {@link #check}, kept in arrays indexed by tag set and added a sentence at a time: a file is checked
     * a batch at a time, and this per-word loop is hot enough there that its size matters to the JIT.
     */
    private static final class Tally {
        final ParserVocabulary vocab;
        final TagSet[] sets;
        final int[] present;
        final int[] unseen;
        final TreeSet<String>[] examples;
        final TreeSet<String> labelExamples = new TreeSet<>();
        int words;
        int unseenLabels;

        @SuppressWarnings("unchecked")
        Tally(ParserVocabulary vocab) {
            this.vocab = vocab;
            sets = vocab.tagSets().toArray(new TagSet[0]);
            present = new int[sets.length];
            unseen = new int[sets.length];
            examples = new TreeSet[sets.length];
            for (int g = 0; g < sets.length; g++) examples[g] = new TreeSet<>();
        }

        void add(Sentence s) {
            for (Token t : s.tokens()) {
                words++;
                for (int g = 0; g < sets.length; g++) {
                    String tag = t.tag(sets[g]);
                    if (!tag.equals("_")) present[g]++;
                    if (!vocab.tags().get(g).contains(tag)) {
                        unseen[g]++;
                        if (examples[g].size() < 5) examples[g].add(tag);
                    }
                }
                if (vocab.isLabelled() && !t.deprel().equals("_") && !vocab.labels().contains(t.deprel())) {
                    unseenLabels++;
                    if (labelExamples.size() < 5) labelExamples.add(t.deprel());
                }
            }
        }
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
