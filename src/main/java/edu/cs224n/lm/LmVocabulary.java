package edu.cs224n.lm;

import edu.cs224n.data.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A language model's vocabulary: {@code </s>} (the end-of-sentence token, predicted and counted like a word),
 * {@code <unk>} (every word outside the vocabulary), then the training words by descending frequency, cut by a
 * minimum count and/or a maximum size.
 */
public record LmVocabulary(Vocabulary words) {
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";
    public static final int EOS_ID = 0;
    public static final int UNK_ID = 1;

    /**
     * @param minCount words seen fewer times in training become {@code <unk>} (Bengio et al.'s Brown protocol maps
     *                 words seen 3 times or fewer: minCount 4)
     * @param maxSize  at most this many entries in all, {@code </s>} and {@code <unk>} included (0 = no limit)
     */
    public static LmVocabulary build(List<List<String>> train, int minCount, int maxSize) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> s : train) for (String w : s) counts.merge(w, 1, Integer::sum);
        return new LmVocabulary(Vocabulary.build(List.of(EOS, UNK), counts, minCount, maxSize > 0 ? maxSize : Integer.MAX_VALUE, UNK));
    }

    public int size() {
        return words.size();
    }

    /** Each sentence as ids followed by {@link #EOS_ID}. */
    public int[][] encode(List<List<String>> sentences) {
        int[][] out = new int[sentences.size()][];
        for (int i = 0; i < out.length; i++) {
            List<String> s = sentences.get(i);
            int[] ids = new int[s.size() + 1];
            for (int j = 0; j < s.size(); j++) ids[j] = words.id(s.get(j));
            ids[s.size()] = EOS_ID;
            out[i] = ids;
        }
        return out;
    }
}
