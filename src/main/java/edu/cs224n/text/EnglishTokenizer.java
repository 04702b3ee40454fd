package edu.cs224n.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based sentence splitter and tokenizer for English following UD English EWT's conventions: punctuation split
 * off, clitics as their own words ("don't" -> "do n't", "can't" -> "ca n't", "I'm" -> "I 'm", "gonna" -> "gon na"),
 * URLs, e-mail addresses, numbers, dates, times and abbreviations kept whole, "and/or" -> "and / or". Every word keeps
 * its character span in the input, so the text can be rebuilt (SpaceAfter=No) and scored against a treebank.
 * Blank lines always end a sentence; otherwise a sentence ends after . ! ? (or a run of them) when the next word
 * starts a new one (capital letter, digit, opening quote or bracket).
 */
public final class EnglishTokenizer {
    /** One word: its form, its span [start, end) in the input and whether it is the first part of a split token. */
    public record Word(String form, int start, int end, boolean joinedToNext) {}

    /** A sentence: its words and its span in the input. */
    public record TokenizedSentence(List<Word> words, int start, int end) {
        public String text(String input) {
            return input.substring(start, end);
        }
    }

    private static final Pattern WHOLE = Pattern.compile(String.join("|",
            "(?i)(?:https?://|ftp://|www\\.)[^\\s\"<>]+[^\\s\"<>.,;:!?)\\]'’]",   // URLs
            "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+",                                     // e-mail addresses
            "(?i)[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|edu|gov|co\\.uk)\\b", // bare domains
            "[:;=8][-o^']?[)(\\]\\[dDpP/\\\\|]+(?=\\s|$)",                            // emoticons
            "\\d+(?:[.,:/-]\\d+)+",                                                  // 1,000.5  10:30  11/28/2000  2-3
            "\\.{2,}|-{2,}|[!?]{2,}",                                               // ... -- ?!
            "(?i)(?:[a-z]\\.){2,}",                                                 // U.S. e.g. a.m.
            "'\\d0s",                                                             // '90s
            "(?i)b/c|w/o|a\\+"));                                                  // b/c w/o A+
    private static final Pattern CLITIC = Pattern.compile("(?i)^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$");
    private static final Pattern SPECIAL = Pattern.compile("(?i)^(gon|wan|got|can)(na|ta|not)$");
    private static final Set<String> ABBREVIATIONS = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "jr.", "sr.", "vs.", "etc.",
            "inc.", "co.", "corp.", "ltd.", "no.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
            "nov.", "dec.", "mon.", "tue.", "wed.", "thu.", "fri.", "sat.", "sun.", "approx.", "dept.", "est.", "fig.", "gov.",
            "mt.", "ave.", "blvd.", "rd.", "ft.", "lb.", "lbs.", "oz.", "vol.", "e.g.", "i.e.", "a.m.", "p.m.", "u.s.", "u.k.");
    /** Abbreviations that never end a sentence: a name follows. */
    private static final Set<String> TITLES = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "mt.", "no.");
    private static final String OPENERS = "\"'`([{“‘«$£€#<";
    private static final String CLOSERS = "\"')]}”’»";
    private static final String TRAILING = CLOSERS + ",;:!?.%>";
    /** Prefixes EWT keeps attached ("e-mail", "non-Microsoft"); other hyphenated words are split "al - Sadr". */
    private static final Set<String> PREFIXES = Set.of("e", "non", "counter", "mis", "re", "anti", "pre", "co", "ex", "semi", "multi",
            "mid", "sub", "inter", "bi", "tri", "un", "de", "pro", "over", "under", "x", "t");

    /** Splits {@code text} into sentences of words. */
    public List<TokenizedSentence> tokenize(String text) {
        List<TokenizedSentence> out = new ArrayList<>();
        Matcher paragraph = Pattern.compile("\\n[ \\t\\r]*\\n\\s*").matcher(text);
        int from = 0;
        while (from <= text.length()) {
            int to = paragraph.find(from) ? paragraph.start() : text.length();
            List<Word> words = new ArrayList<>();
            Matcher chunk = Pattern.compile("\\S+").matcher(text).region(from, to);
            while (chunk.find()) splitChunk(text, chunk.start(), chunk.end(), words);
            splitSentences(words, out);
            if (to == text.length()) break;
            from = paragraph.end();
        }
        return out;
    }

    /** One whitespace-free chunk: protected patterns whole, punctuation peeled off both ends, clitics split. */
    private void splitChunk(String text, int start, int end, List<Word> out) {
        List<Word> tail = new ArrayList<>();
        while (start < end) {
            Matcher whole = WHOLE.matcher(text).region(start, end);
            if (whole.lookingAt()) {
                out.add(new Word(text.substring(start, whole.end()), start, whole.end(), false));
                start = whole.end();
                continue;
            }
            char c = text.charAt(start);
            if (OPENERS.indexOf(c) >= 0 && !(c == '\'' && isApostropheWord(text, start, end))) {
                out.add(new Word(String.valueOf(c), start, start + 1, false));
                start++;
                continue;
            }
            break;
        }
        // trailing punctuation, innermost last
        while (end > start) {
            char c = text.charAt(end - 1);
            String core = text.substring(start, end);
            if (c == '.' && (ABBREVIATIONS.contains(core.toLowerCase(Locale.ROOT)) || core.matches("[A-Z]\\.")
                    || WHOLE.matcher(core).matches())) break;
            Matcher run = Pattern.compile("(\\.{2,}|[!?]+|-{2,})$").matcher(core);
            if (run.find() && run.start() > 0) {
                tail.add(0, new Word(run.group(1), start + run.start(), end, false));
                end = start + run.start();
                continue;
            }
            if (TRAILING.indexOf(c) >= 0 && end - start > 1 && !(c == '\'' && core.matches("(?i).*s'"))) {
                tail.add(0, new Word(String.valueOf(c), end - 1, end, false));
                end--;
                continue;
            }
            break;
        }
        if (start < end) splitCore(text, start, end, out);
        out.addAll(tail);
    }

    /** The middle of a chunk: URLs and numbers whole; else inner dashes, slashes, brackets and clitics split. */
    private void splitCore(String text, int start, int end, List<Word> out) {
        String core = text.substring(start, end);
        if (WHOLE.matcher(core).matches()) {
            out.add(new Word(core, start, end, false));
            return;
        }
        Matcher hyphen = Pattern.compile("(?<=[\\p{L}\\d])-(?=[\\p{L}\\d])").matcher(core);
        if (hyphen.find() && !PREFIXES.contains(core.substring(0, hyphen.start()).toLowerCase(Locale.ROOT)) && !core.matches("[\\d-]+")) {
            splitCore(text, start, start + hyphen.start(), out);
            out.add(new Word("-", start + hyphen.start(), start + hyphen.end(), false));
            splitCore(text, start + hyphen.end(), end, out);
            return;
        }
        Matcher inner = Pattern.compile("--+|[/()\\[\\]\"“”]|,(?!\\d)").matcher(core);
        if (inner.find() && !core.matches("\\d+(/\\d+)+")) {
            int i = inner.start();
            if (i > 0) splitCore(text, start, start + i, out);
            out.add(new Word(inner.group(), start + i, start + inner.end(), false));
            if (start + inner.end() < end) splitCore(text, start + inner.end(), end, out);
            return;
        }
        Matcher special = SPECIAL.matcher(core);
        if (special.matches()) {
            int cut = start + special.end(1);
            out.add(new Word(text.substring(start, cut), start, cut, true));
            out.add(new Word(text.substring(cut, end), cut, end, false));
            return;
        }
        Matcher clitic = CLITIC.matcher(core);
        if (clitic.matches() && Character.isLetter(core.charAt(0))) {
            int cut = start + clitic.start(2);
            out.add(new Word(text.substring(start, cut), start, cut, true));
            out.add(new Word(text.substring(cut, end), cut, end, false));
            return;
        }
        out.add(new Word(core, start, end, false));
    }

    /** 's, 'em, '90s: an apostrophe that begins a word rather than opening a quote. */
    private static boolean isApostropheWord(String text, int start, int end) {
        String rest = text.substring(start, end).toLowerCase(Locale.ROOT);
        return rest.matches("'(s|re|ve|ll|d|m|em|n|tis|\\d0s)\\W*");
    }

    private static void splitSentences(List<Word> words, List<TokenizedSentence> out) {
        int first = 0;
        for (int i = 0; i < words.size(); i++) {
            if (!endsSentence(words, i)) continue;
            int last = i;
            while (last + 1 < words.size() && CLOSERS.contains(words.get(last + 1).form())
                    && words.get(last + 1).start() == words.get(last).end()) last++; // ." and .) stay with it; . "We is a new quote
            boolean question = words.get(i).form().matches("[!?.]*[!?][!?.]*"); // web text starts sentences in lower case after ? and !
            if (last + 1 < words.size() && !question && !startsSentence(words.get(last + 1).form())) continue;
            out.add(new TokenizedSentence(List.copyOf(words.subList(first, last + 1)), words.get(first).start(), words.get(last).end()));
            first = last + 1;
            i = last;
        }
        if (first < words.size()) {
            out.add(new TokenizedSentence(List.copyOf(words.subList(first, words.size())), words.get(first).start(), words.get(words.size() - 1).end()));
        }
    }

    private static boolean endsSentence(List<Word> words, int i) {
        String f = words.get(i).form();
        if (f.matches("[.!?]+|\\.{2,}")) return true;
        String lower = f.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && ABBREVIATIONS.contains(lower) && !TITLES.contains(lower) && lower.length() > 2
                && (lower.equals("etc.") || lower.matches("(?:[a-z]\\.){2,}"));
    }

    private static boolean startsSentence(String form) {
        char c = form.charAt(0);
        return Character.isUpperCase(c) || Character.isDigit(c) || OPENERS.indexOf(c) >= 0;
    }
}
