package edu.cs224n.lemma;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lemmatizer's first two baselines, as Stanza's lemmatizer starts: a dictionary of (form, UPOS) -> the lemma seen
 * most often with it in training (ties: the alphabetically first), and the identity, the lowercased form, for everything else.
 * Words whose form never occurred in training are the "unseen" words a seq2seq model is for.
 */
public final class LemmaDictionary {
    private final Map<String, String> lemmas;
    private final Set<String> forms;

    private LemmaDictionary(Map<String, String> lemmas, Set<String> forms) {
        this.lemmas = Map.copyOf(lemmas);
        this.forms = Set.copyOf(forms);
    }

    /** From the training sentences' FORM, UPOS and LEMMA; tokens with no lemma ("_") are skipped. */
    public static LemmaDictionary train(List<Sentence> sentences) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        Set<String> forms = new HashSet<>();
        for (Sentence s : sentences) {
            for (Token t : s.tokens()) {
                forms.add(t.form());
                if (!hasLemma(t)) continue;
                String key = key(t.form(), t.upos());
                counts.computeIfAbsent(key, k -> new HashMap<>()).merge(t.lemma(), 1, Integer::sum);
            }
        }
        Map<String, String> lemmas = new HashMap<>();
        for (var e : counts.entrySet()) {
            String best = null;
            for (var c : e.getValue().entrySet()) {
                if (best == null || c.getValue() > e.getValue().get(best) || c.getValue().equals(e.getValue().get(best)) && c.getKey().compareTo(best) < 0) best = c.getKey();
            }
            lemmas.put(e.getKey(), best);
        }
        return new LemmaDictionary(lemmas, forms);
    }

    /** Whether the token carries a lemma: "_" is CoNLL-U's empty field, unless the word itself is an underscore. */
    public static boolean hasLemma(Token t) {
        return !t.lemma().equals("_") || t.form().equals("_");
    }

    /** The identity baseline: the lowercased form. */
    public static String identity(String form) {
        return form.toLowerCase(Locale.ROOT);
    }

    /** The lemma training gave this form with this tag, if any. */
    public Optional<String> lookup(String form, String upos) {
        return Optional.ofNullable(lemmas.get(key(form, upos)));
    }

    /** The dictionary baseline: the lemma seen in training, else the identity. */
    public String lemmatize(String form, String upos) {
        return lookup(form, upos).orElseGet(() -> identity(form));
    }

    /** Whether the form occurred in training (with any tag). */
    public boolean seen(String form) {
        return forms.contains(form);
    }

    public int size() {
        return lemmas.size();
    }

    /** The entries as lines "form TAB upos TAB lemma" (sorted, so a model file's bytes do not depend on hashing). */
    public List<String> entryLines() {
        return lemmas.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).sorted().toList();
    }

    /** The forms seen in training, one a line, sorted. */
    public List<String> formLines() {
        return forms.stream().sorted().toList();
    }

    /** A dictionary saved with {@link #entryLines()} and {@link #formLines()}. */
    public static LemmaDictionary fromLines(List<String> entries, List<String> forms) {
        Map<String, String> lemmas = new HashMap<>();
        for (String line : entries) {
            int last = line.lastIndexOf('\t');
            if (last <= 0 || line.indexOf('\t') == last) throw new IllegalArgumentException("lemma dictionary: expected form TAB upos TAB lemma, got '" + line + "'");
            lemmas.put(line.substring(0, last), line.substring(last + 1));
        }
        return new LemmaDictionary(lemmas, new HashSet<>(forms));
    }

    private static String key(String form, String upos) {
        return form + "\t" + upos;
    }
}
