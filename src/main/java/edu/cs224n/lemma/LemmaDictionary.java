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
 * (form, UPOS, XPOS) entries come first where the word has an XPOS: EWT's "her" is "her" as PRP$ and "she" as PRP,
 * and an ADJ tagged NNP ("High School") keeps its capital. A form training never had with its tag but had in lower
 * case ("Heroes" at the start of a sentence, "LOST" in a heading) takes the lowercased form's lemma, except as PROPN,
 * whose lemma keeps the form's own case.
 * Words whose form never occurred in training are the "unseen" words a seq2seq model is for.
 */
public final class LemmaDictionary {
    private final Map<String, String> lemmas, lowercased;
    private final Set<String> forms;

    private LemmaDictionary(Map<String, String> lemmas, Map<String, String> lowercased, Set<String> forms) {
        this.lemmas = Map.copyOf(lemmas);
        this.lowercased = Map.copyOf(lowercased);
        this.forms = Set.copyOf(forms);
    }

    /** From the training sentences' FORM, UPOS and LEMMA; tokens with no lemma ("_") are skipped. */
    public static LemmaDictionary train(List<Sentence> sentences) {
        Map<String, Map<String, Integer>> counts = new HashMap<>(), lower = new HashMap<>();
        Set<String> forms = new HashSet<>();
        for (Sentence s : sentences) {
            for (Token t : s.tokens()) {
                forms.add(t.form());
                if (!hasLemma(t)) continue;
                count(counts, t.form(), t, t.lemma());
                count(lower, identity(t.form()), t, t.lemma());
            }
        }
        return new LemmaDictionary(mostFrequent(counts), mostFrequent(lower), forms);
    }

    private static void count(Map<String, Map<String, Integer>> counts, String form, Token t, String lemma) {
        counts.computeIfAbsent(key(form, t.upos()), k -> new HashMap<>()).merge(lemma, 1, Integer::sum);
        if (hasXpos(t.xpos())) counts.computeIfAbsent(key(form, t.upos(), t.xpos()), k -> new HashMap<>()).merge(lemma, 1, Integer::sum);
    }

    /** Per key the lemma seen most often (ties: the alphabetically first). */
    private static Map<String, String> mostFrequent(Map<String, Map<String, Integer>> counts) {
        Map<String, String> lemmas = new HashMap<>();
        for (var e : counts.entrySet()) {
            String best = null;
            for (var c : e.getValue().entrySet()) {
                if (best == null || c.getValue() > e.getValue().get(best) || c.getValue().equals(e.getValue().get(best)) && c.getKey().compareTo(best) < 0) best = c.getKey();
            }
            lemmas.put(e.getKey(), best);
        }
        return lemmas;
    }

    /** Whether the token carries a lemma: "_" is CoNLL-U's empty field, unless the word itself is an underscore. */
    public static boolean hasLemma(Token t) {
        return !t.lemma().equals("_") || t.form().equals("_");
    }

    /** The identity baseline: the lowercased form. */
    public static String identity(String form) {
        return form.toLowerCase(Locale.ROOT);
    }

    /** The lemma training gave this form with these tags (with the XPOS if it has one, else with the UPOS alone), if any. */
    public Optional<String> lookup(String form, String upos, String xpos) {
        String lemma = lookup(lemmas, form, upos, xpos);
        if (lemma == null && !"PROPN".equals(upos)) lemma = lookup(lowercased, identity(form), upos, xpos);
        return Optional.ofNullable(lemma);
    }

    private static String lookup(Map<String, String> entries, String form, String upos, String xpos) {
        String lemma = hasXpos(xpos) ? entries.get(key(form, upos, xpos)) : null;
        return lemma != null ? lemma : entries.get(key(form, upos));
    }

    /** The dictionary baseline: the lemma seen in training, else the identity. */
    public String lemmatize(String form, String upos, String xpos) {
        return lookup(form, upos, xpos).orElseGet(() -> identity(form));
    }

    private static boolean hasXpos(String xpos) {
        return xpos != null && !xpos.equals("_");
    }

    /** Whether the form occurred in training (with any tag). */
    public boolean seen(String form) {
        return forms.contains(form);
    }

    /** Every lemma of the entries, lowercased. */
    public Set<String> lowercaseLemmas() {
        Set<String> out = new HashSet<>();
        for (String l : lemmas.values()) out.add(l.toLowerCase(Locale.ROOT));
        return out;
    }

    public int size() {
        return lemmas.size();
    }

    /** The entries as lines "form TAB upos [TAB xpos] TAB lemma" (sorted, so a model file's bytes do not depend on hashing). */
    public List<String> entryLines() {
        return lines(lemmas);
    }

    /** The lowercased forms' entries, as {@link #entryLines()}. */
    public List<String> lowercaseLines() {
        return lines(lowercased);
    }

    private static List<String> lines(Map<String, String> entries) {
        return entries.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).sorted().toList();
    }

    /** The forms seen in training, one a line, sorted. */
    public List<String> formLines() {
        return forms.stream().sorted().toList();
    }

    /** A dictionary saved with {@link #entryLines()}, {@link #lowercaseLines()} (empty for a model file from before them) and {@link #formLines()}. */
    public static LemmaDictionary fromLines(List<String> entries, List<String> lowercase, List<String> forms) {
        return new LemmaDictionary(entries(entries), entries(lowercase), new HashSet<>(forms));
    }

    private static Map<String, String> entries(List<String> lines) {
        Map<String, String> lemmas = new HashMap<>();
        for (String line : lines) {
            if (line.isEmpty()) continue; // an empty entry list is one empty line
            int last = line.lastIndexOf('\t');
            if (last <= 0 || line.indexOf('\t') == last) throw new IllegalArgumentException("lemma dictionary: expected form TAB upos TAB lemma, got '" + line + "'");
            lemmas.put(line.substring(0, last), line.substring(last + 1));
        }
        return lemmas;
    }

    private static String key(String form, String upos) {
        return form + "\t" + upos;
    }

    private static String key(String form, String upos, String xpos) {
        return form + "\t" + upos + "\t" + xpos;
    }
}
