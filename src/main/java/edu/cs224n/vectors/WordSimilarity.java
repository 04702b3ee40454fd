package edu.cs224n.vectors;

import edu.cs224n.data.InputFormatException;
import edu.cs224n.util.RankStatistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;

/**
 * A word-similarity benchmark (WordSim-353, MEN, SimLex-999): pairs with a human score, {@code word1<TAB>word2<TAB>score}. A
 * model is scored by Spearman's rho between its similarities and the human scores over the pairs it covers (both
 * words in its vocabulary); the rest are counted, not guessed.
 */
public record WordSimilarity(String name, List<Pair> pairs) {
    public record Pair(String first, String second, double score) {}

    public record Result(String benchmark, double rho, int covered, int total) {
        public double coverage() {
            return total == 0 ? 0 : (double) covered / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s rho=%.4f (%d of %d pairs)", benchmark, rho, covered, total);
        }
    }

    /** The benchmarks the project reports, relative to the data root. */
    public static final List<String[]> STANDARD = List.of(
            new String[] {"ws353-all", "wordsim/wordsim353/ws353_all.tsv"},
            new String[] {"ws353-sim", "wordsim/wordsim353/ws353_sim.tsv"},
            new String[] {"ws353-rel", "wordsim/wordsim353/ws353_rel.tsv"},
            new String[] {"men", "wordsim/men/men_lemma.tsv"},
            new String[] {"simlex-999", "wordsim/simlex-999/simlex999.tsv"});

    /** The {@link #STANDARD} benchmarks, read from the data root. */
    public static List<WordSimilarity> standard() throws IOException {
        List<WordSimilarity> out = new ArrayList<>();
        for (String[] s : STANDARD) out.add(read(s[0], edu.cs224n.config.DataRoot.require(s[1])));
        return out;
    }

    /** Reads a TSV benchmark; words are lowercased (the benchmarks and our vectors compare lowercase forms). */
    public static WordSimilarity read(String name, Path file) throws IOException {
        List<Pair> pairs = readPairs(file, false).getOrDefault("", List.of());
        if (pairs.isEmpty()) throw new InputFormatException(file.toString(), 1, "no pairs in file");
        return new WordSimilarity(name, List.copyOf(pairs));
    }

    /** SimLex-999 by word class (its POS file: a 4th column A, N or V), named "simlex-999 A" and so on. */
    public static List<WordSimilarity> simlexByClass() throws IOException {
        List<WordSimilarity> out = new ArrayList<>();
        readPairs(edu.cs224n.config.DataRoot.require("wordsim/simlex-999/simlex999_pos.tsv"), true)
                .forEach((c, pairs) -> out.add(new WordSimilarity("simlex-999 " + c, List.copyOf(pairs))));
        return out;
    }

    /** The pairs of a TSV file, by the value of a 4th (class) column when {@code classColumn}, else all under "". */
    private static java.util.Map<String, List<Pair>> readPairs(Path file, boolean classColumn) throws IOException {
        java.util.Map<String, List<Pair>> byClass = new java.util.TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int fields = classColumn ? 4 : 3;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] f = lines.get(i).split("\t");
            if (f.length != fields) {
                throw new InputFormatException(file.toString(), i + 1, "expected word1<TAB>word2<TAB>score" + (classColumn ? "<TAB>POS" : "")
                        + ", found " + f.length + " fields");
            }
            try {
                byClass.computeIfAbsent(classColumn ? f[3].trim() : "", k -> new ArrayList<>())
                        .add(new Pair(f[0].trim().toLowerCase(Locale.ROOT), f[1].trim().toLowerCase(Locale.ROOT), Double.parseDouble(f[2].trim())));
            } catch (NumberFormatException e) {
                throw new InputFormatException(file.toString(), i + 1, "score is not a number: '" + f[2] + "'");
            }
        }
        return byClass;
    }

    /** The pairs whose two words are both in {@code words}, as a benchmark of its own. */
    public WordSimilarity within(java.util.Set<String> words, String newName) {
        return new WordSimilarity(newName, pairs.stream().filter(p -> words.contains(p.first()) && words.contains(p.second())).toList());
    }

    /** Every word of the pairs, in order of first appearance. */
    public List<String> words() {
        java.util.LinkedHashSet<String> w = new java.util.LinkedHashSet<>();
        for (Pair p : pairs) {
            w.add(p.first());
            w.add(p.second());
        }
        return List.copyOf(w);
    }

    /** Spearman's rho of a vector space's similarities (cosine, or minus the Euclidean distance) over the pairs it covers. */
    public Result evaluate(VectorSpace space, VectorSpace.Metric metric) {
        return evaluate(space::contains, (a, b) -> space.similarity(a, b, metric));
    }

    /** Spearman's rho of {@code similarity} (higher = more similar) over the pairs whose words {@code known} accepts. */
    public Result evaluate(Predicate<String> known, ToDoubleBiFunction<String, String> similarity) {
        List<Pair> covered = pairs.stream().filter(p -> known.test(p.first()) && known.test(p.second())).toList();
        double[] model = new double[covered.size()];
        double[] human = new double[covered.size()];
        for (int i = 0; i < model.length; i++) {
            model[i] = similarity.applyAsDouble(covered.get(i).first(), covered.get(i).second());
            human[i] = covered.get(i).score();
        }
        double rho = covered.size() < 2 ? Double.NaN : RankStatistics.spearman(model, human);
        return new Result(name, rho, covered.size(), pairs.size());
    }
}
