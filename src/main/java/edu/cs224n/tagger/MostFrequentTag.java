package edu.cs224n.tagger;

import edu.cs224n.data.Sentence;
import edu.cs224n.data.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The baseline a tagger must beat: each word's most frequent training tag (exact form), else the most frequent tag overall. */
public final class MostFrequentTag {
    private final Map<String, String> upos = new HashMap<>(), xpos = new HashMap<>();
    private final String defaultUpos, defaultXpos;

    public MostFrequentTag(List<Sentence> train) {
        Map<String, Map<String, Integer>> u = new HashMap<>(), x = new HashMap<>();
        Map<String, Integer> allU = new HashMap<>(), allX = new HashMap<>();
        for (Sentence s : train) {
            for (Token t : s.tokens()) {
                u.computeIfAbsent(t.form(), k -> new HashMap<>()).merge(t.upos(), 1, Integer::sum);
                x.computeIfAbsent(t.form(), k -> new HashMap<>()).merge(t.xpos(), 1, Integer::sum);
                allU.merge(t.upos(), 1, Integer::sum);
                allX.merge(t.xpos(), 1, Integer::sum);
            }
        }
        u.forEach((w, c) -> upos.put(w, best(c)));
        x.forEach((w, c) -> xpos.put(w, best(c)));
        defaultUpos = best(allU);
        defaultXpos = best(allX);
    }

    private static String best(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public List<TaggerModel.Tags> tag(List<Sentence> sentences) {
        List<TaggerModel.Tags> out = new ArrayList<>();
        for (Sentence s : sentences) {
            String[] u = new String[s.size()], x = new String[s.size()];
            for (int i = 0; i < s.size(); i++) {
                String f = s.tokens().get(i).form();
                u[i] = upos.getOrDefault(f, defaultUpos);
                x[i] = xpos.getOrDefault(f, defaultXpos);
            }
            out.add(new TaggerModel.Tags(u, x));
        }
        return out;
    }
}
