package edu.cs224n.tagger;

import edu.cs224n.config.Configs;
import edu.cs224n.config.DataRoot;
import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jackknifed tags for parser training: the training treebank is cut into {@code folds} contiguous parts; each part
 * is tagged by a tagger trained on the others, so the parser learns from tags as good (and as wrong) as it will see
 * on new text. Each fold's tagger and its training file stay under {@code workDir/fold-i}.
 */
public final class Jackknife {
    private Jackknife() {}

    public static List<Sentence> run(TaggerConfig config, int folds, Path workDir, PrintWriter out) throws IOException {
        if (folds < 2) throw new IllegalArgumentException("--folds: expected >= 2, got " + folds);
        List<Sentence> train = ConllSequenceRecordReader.read(DataRoot.resolve(config.train()), false);
        List<Sentence> tagged = new ArrayList<>(train.size());
        for (int f = 0; f < folds; f++) {
            int from = train.size() * f / folds, to = train.size() * (f + 1) / folds;
            List<Sentence> rest = new ArrayList<>(train.subList(0, from));
            rest.addAll(train.subList(to, train.size()));
            Path dir = workDir.resolve("fold-" + (f + 1));
            Files.createDirectories(dir);
            Path foldTrain = dir.resolve("train.conllu");
            ConllWriter.writeFile(foldTrain, rest);
            TaggerConfig c = Configs.with(config, Map.of("train", foldTrain.toString(), "test", "", "max_train_sentences", 0));
            out.printf(Locale.ROOT, "fold %d of %d: training on %d sentences, tagging sentences %d-%d%n", f + 1, folds, rest.size(), from + 1, to);
            TaggerModel model = new TaggerTraining(c, dir, out).run(false, false).model();
            List<Sentence> part = train.subList(from, to);
            TaggerModel.Accuracy a = model.accuracy(part);
            out.printf(Locale.ROOT, "fold %d: held-out UPOS=%.2f XPOS=%.2f%n", f + 1, 100 * a.upos(), 100 * a.xpos());
            tagged.addAll(model.retag(part));
        }
        return tagged;
    }
}
