package edu.cs224n.tagger;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Vocabulary;

import java.util.List;

/**
 * Taggers that decide together: each token takes the UPOS and the XPOS of highest mean probability over the models.
 * Tags are matched by name, so members may number their tags differently; a tag only some members know counts as
 * probability 0 for the others. One model is the plain tagger.
 */
public final class TaggerEnsemble {
    private final List<TaggerModel> models;

    public TaggerEnsemble(List<TaggerModel> models) {
        if (models.isEmpty()) throw new IllegalArgumentException("an ensemble needs at least one tagger");
        this.models = List.copyOf(models);
    }

    public List<TaggerModel> models() { return models; }

    public List<TaggerModel.Tags> tag(List<Sentence> sentences) {
        if (models.size() == 1) return models.get(0).tag(sentences);
        TaggerVocabulary first = models.get(0).vocabulary();
        List<TaggerModel.Probabilities> sum = models.get(0).probabilities(sentences);
        for (int k = 1; k < models.size(); k++) {
            TaggerVocabulary v = models.get(k).vocabulary();
            int[] upos = mapping(v.upos(), first.upos()), xpos = mapping(v.xpos(), first.xpos());
            List<TaggerModel.Probabilities> p = models.get(k).probabilities(sentences);
            for (int i = 0; i < sum.size(); i++) {
                add(p.get(i).upos(), upos, sum.get(i).upos());
                add(p.get(i).xpos(), xpos, sum.get(i).xpos());
            }
        }
        return TaggerModel.best(sum, first);
    }

    public List<Sentence> retag(List<Sentence> sentences) {
        return TaggerModel.withTags(sentences, tag(sentences));
    }

    /** For each of {@code from}'s ids, its id in {@code to}, or -1 where {@code to} lacks the tag. */
    static int[] mapping(Vocabulary from, Vocabulary to) {
        int[] map = new int[from.size()];
        for (int i = 0; i < map.length; i++) map[i] = to.contains(from.get(i)) ? to.id(from.get(i)) : -1;
        return map;
    }

    static void add(float[][] p, int[] map, float[][] sum) {
        for (int t = 0; t < p.length; t++) {
            for (int c = 0; c < map.length; c++) if (map[c] >= 0) sum[t][map[c]] += p[t][c];
        }
    }
}
