package edu.cs224n.lemma;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;
import edu.cs224n.data.Vocabulary;
import edu.cs224n.io.ModelFile;
import edu.cs224n.seq2seq.Seq2SeqDecoding;
import edu.cs224n.seq2seq.Symbols;
import edu.cs224n.train.TrainableModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained lemmatizer, as Stanza's: the (form, UPOS) dictionary from training for the words it has, the character
 * seq2seq model for the rest. Network, symbol vocabularies, dictionary and config in one model file.
 */
public final class LemmatizerModel implements TrainableModel {
    public static final String KIND = "lemmatizer";
    static final String SOURCE = "vocab/source.txt", TARGET = "vocab/target.txt", ENTRIES = "dictionary/lemmas.tsv", FORMS = "dictionary/forms.txt",
            LOWERCASE_ENTRIES = "dictionary/lowercase.tsv", LEXICON = "dictionary/lexicon.txt";

    /** The edit classifier's classes: the decoder's output, the form itself, the form lowercased. */
    public static final int DECODE = 0, IDENTITY = 1, LOWERCASE = 2, EDITS = 3;

    /** The class a (form, lemma) pair trains the edit classifier with. */
    static int edit(String form, String lemma) {
        if (lemma.equals(form)) return IDENTITY;
        return lemma.equals(form.toLowerCase(java.util.Locale.ROOT)) ? LOWERCASE : DECODE;
    }

    /** A word to lemmatize: its form and tags (xpos null or "_": none). */
    public record Word(String form, String upos, String xpos) {
        public static Word of(Token t) {
            return new Word(t.form(), t.upos(), t.xpos());
        }
    }

    private final ComputationGraph net;
    private final Vocabulary source, target;
    private final LemmaDictionary dictionary;
    private final LemmatizerConfig config;
    private final Lexicon lexicon;
    private Set<String> trainingLemmas;
    private Seq2SeqDecoding decoding;

    /** @param lexicon the words the beam's outputs are checked against ({@link Lexicon#NONE}: the most probable output is taken) */
    public LemmatizerModel(ComputationGraph net, Vocabulary source, Vocabulary target, LemmaDictionary dictionary, Lexicon lexicon, LemmatizerConfig config) {
        this.net = net;
        this.source = source;
        this.target = target;
        this.dictionary = dictionary;
        this.lexicon = lexicon;
        this.config = config;
    }

    /** This model with another lexicon (e.g. to try a word list on a trained model). */
    public LemmatizerModel withLexicon(Lexicon other) {
        return new LemmatizerModel(net, source, target, dictionary, other, config);
    }

    @Override
    public ComputationGraph network() { return net; }

    @Override
    public LemmatizerConfig config() { return config; }

    public LemmaDictionary dictionary() { return dictionary; }

    public Vocabulary sourceSymbols() { return source; }

    public Vocabulary targetSymbols() { return target; }

    /** The model's input: the UPOS as one symbol (then the XPOS as another, if given), then the form's characters. */
    static List<String> sourceSymbols(String form, String upos, String xpos) {
        List<String> s = new ArrayList<>();
        s.add(tagSymbol(upos));
        if (xpos != null) s.add("<x:" + xpos + ">");
        s.addAll(Symbols.characters(form));
        return s;
    }

    static String tagSymbol(String upos) {
        return "<" + upos + ">";
    }

    public int[] sourceIds(Word w) {
        return Symbols.ids(source, sourceSymbols(w.form(), w.upos(), config.xpos() ? w.xpos() : null));
    }

    /** The decoder, built on first use (after training has changed the weights it reads, it is built again: see {@link #modelOnly}). */
    private Seq2SeqDecoding decoding() {
        if (decoding == null) decoding = new Seq2SeqDecoding(net);
        return decoding;
    }

    /**
     * The seq2seq model's lemmas for these words, without the dictionary (greedy for {@code beam} 1), batched by length;
     * the edit classifier, where the model has one, decides first whether to take the form or its lowercase instead.
     * The decoder reads the network's current weights (their views), so it is valid during training too.
     */
    public Map<Word, String> modelOnly(Iterable<Word> words, int beam) {
        return modelOnly(words, beam, true);
    }

    /** As {@link #modelOnly(Iterable, int)}; {@code edits = false} takes the decoder's output for every word (the decoder alone). */
    public Map<Word, String> modelOnly(Iterable<Word> words, int beam, boolean edits) {
        List<Word> unique = new ArrayList<>(new LinkedHashSet<>(toList(words)));
        unique.sort(Comparator.comparingInt((Word w) -> w.form().length()));
        Map<Word, String> out = new HashMap<>();
        Seq2SeqDecoding d = decoding();
        boolean classify = edits && d.hasClasses();
        for (int i = 0; i < unique.size(); i += 256) {
            List<Word> part = unique.subList(i, Math.min(unique.size(), i + 256));
            if (classify) {
                int[] edit = d.classes(part.stream().map(this::sourceIds).toList());
                List<Word> rest = new ArrayList<>();
                for (int k = 0; k < part.size(); k++) {
                    Word w = part.get(k);
                    if (edit[k] == IDENTITY) out.put(w, w.form());
                    else if (edit[k] == LOWERCASE) out.put(w, w.form().toLowerCase(java.util.Locale.ROOT));
                    else rest.add(w);
                }
                part = rest;
                if (part.isEmpty()) continue;
            }
            if (beam == 1) {
                List<int[]> ids = part.stream().map(this::sourceIds).toList();
                List<Seq2SeqDecoding.Decoded> lemmas = d.greedy(ids);
                for (int k = 0; k < part.size(); k++) out.put(part.get(k), spell(part.get(k), lemmas.get(k).ids()));
            } else {
                for (Word w : part) out.put(w, spell(w, known(d.nBest(sourceIds(w), beam))));
            }
        }
        return out;
    }

    /**
     * The most probable of the beam's outputs that is a word (in the lexicon, or a lemma of the training data, either
     * lowercased), else the most probable one; without a lexicon, the most probable one.
     */
    private int[] known(List<Seq2SeqDecoding.Decoded> outputs) {
        if (outputs.isEmpty()) return new int[0];
        if (lexicon.isEmpty()) return outputs.get(0).ids();
        if (trainingLemmas == null) trainingLemmas = dictionary.lowercaseLemmas();
        List<String> spelled = outputs.stream().map(o -> Symbols.spell(target, o.ids())).toList();
        return outputs.get(firstKnown(spelled, w -> lexicon.contains(w) || trainingLemmas.contains(w.toLowerCase(java.util.Locale.ROOT)))).ids();
    }

    /** The index of the first output that is a word, else 0 (the most probable one). */
    static int firstKnown(List<String> outputs, java.util.function.Predicate<String> isWord) {
        for (int i = 0; i < outputs.size(); i++) if (isWord.test(outputs.get(i))) return i;
        return 0;
    }

    /** An empty output (a model that never learned to stop in time) falls back to the identity. */
    private String spell(Word w, int[] ids) {
        String s = Symbols.spell(target, ids);
        return s.isEmpty() ? LemmaDictionary.identity(w.form()) : s;
    }

    private static <T> List<T> toList(Iterable<T> it) {
        List<T> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }

    /** The full lemmatizer: the dictionary's lemma where it has the (form, UPOS), else the model's (beam width from the config). */
    public Map<Word, String> lemmatize(Iterable<Word> words) {
        return lemmatize(words, config.beam());
    }

    public Map<Word, String> lemmatize(Iterable<Word> words, int beam) {
        Map<Word, String> out = new HashMap<>();
        List<Word> rest = new ArrayList<>();
        for (Word w : words) {
            if (out.containsKey(w)) continue;
            var hit = dictionary.lookup(w.form(), w.upos(), w.xpos());
            if (hit.isPresent()) out.put(w, hit.get());
            else rest.add(w);
        }
        out.putAll(modelOnly(rest, beam));
        return out;
    }

    /** The words of these sentences, with the sentences' UPOS (gold, or a tagger's). */
    public static Set<Word> words(List<Sentence> sentences) {
        Set<Word> words = new LinkedHashSet<>();
        for (Sentence s : sentences) for (Token t : s.tokens()) words.add(Word.of(t));
        return words;
    }

    /** These sentences with LEMMA filled from their FORM and UPOS. */
    public List<Sentence> fill(List<Sentence> sentences) {
        Map<Word, String> lemmas = lemmatize(words(sentences));
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            List<Token> tokens = new ArrayList<>(s.tokens().size());
            for (Token t : s.tokens()) tokens.add(t.withLemma(lemmas.get(Word.of(t))));
            out.add(new Sentence(s.source(), s.firstLine(), s.comments(), tokens, s.extras()));
        }
        return out;
    }

    @Override
    public ModelFile.Builder toFile(boolean withUpdater) {
        ModelFile.Builder f = ModelFile.builder(KIND).network(net, withUpdater).config(config)
                .lines(SOURCE, source.lines()).lines(TARGET, target.lines())
                .lines(ENTRIES, dictionary.entryLines()).lines(LOWERCASE_ENTRIES, dictionary.lowercaseLines()).lines(FORMS, dictionary.formLines());
        return lexicon.isEmpty() ? f : f.lines(LEXICON, lexicon.lines());
    }

    public static LemmatizerModel load(Path file) throws IOException {
        return from(ModelFile.read(file, KIND, false));
    }

    public static LemmatizerModel from(byte[] modelFile, String where) throws IOException {
        return from(ModelFile.read(modelFile, where, KIND, false));
    }

    public static LemmatizerModel from(ModelFile.Contents c) {
        return new LemmatizerModel(c.requireNetwork(), Vocabulary.fromLines(c.lines(SOURCE)), Vocabulary.fromLines(c.lines(TARGET)),
                LemmaDictionary.fromLines(c.lines(ENTRIES), c.optionalText(LOWERCASE_ENTRIES) == null ? List.of() : c.lines(LOWERCASE_ENTRIES), c.lines(FORMS)), c.optionalText(LEXICON) == null ? Lexicon.NONE : Lexicon.fromLines(c.lines(LEXICON)),
                c.config(LemmatizerConfig.class));
    }
}
