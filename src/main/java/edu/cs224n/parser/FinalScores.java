package edu.cs224n.parser;

import edu.cs224n.data.ConllWriter;
import edu.cs224n.data.Sentence;
import edu.cs224n.train.RunDirectory;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of every parser run, whichever kind: the best model parses dev (and test when given), the predictions are
 * written ({@code dev.predicted.conll}, {@code test.predicted.conll}), the scores and non-projective arc recall printed
 * and written to {@code scores.md}, and returned as {@code run.json} fields.
 */
public record FinalScores(AttachmentScores dev, AttachmentScores test, Map<String, Object> fields) {

    /** @param test the test treebank, or null for none */
    public static FinalScores of(String title, DependencyParser best, int threads, List<Sentence> dev, List<Sentence> test, RunDirectory dir,
                                 PrintWriter out) throws IOException {
        List<Sentence> devPred = best.parse(dev, threads);
        AttachmentScores devScores = AttachmentScores.score(dev, devPred);
        Projectivity.Recall devNp = Projectivity.recall(dev, devPred);
        ConllWriter.writeFile(dir.resolve("dev.predicted.conll"), devPred);
        StringBuilder report = new StringBuilder("# " + title + "\n\n");
        report.append("dev: ").append(devScores.summary()).append("\n").append("dev ").append(devNp.summary()).append("\n");
        out.println("dev:  " + devScores.summary());
        out.println("dev  " + devNp.summary());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dev", devScores.asMetrics(""));
        fields.put("dev_nonprojective", devNp);
        AttachmentScores testScores = null;
        if (test != null) {
            List<Sentence> testPred = best.parse(test, threads);
            testScores = AttachmentScores.score(test, testPred);
            Projectivity.Recall testNp = Projectivity.recall(test, testPred);
            ConllWriter.writeFile(dir.resolve("test.predicted.conll"), testPred);
            report.append("test: ").append(testScores.summary()).append("\n").append("test ").append(testNp.summary())
                    .append("\n\n## Per label (test)\n\n").append(testScores.perLabelTable());
            out.println("test: " + testScores.summary());
            out.println("test " + testNp.summary());
            fields.put("test", testScores.asMetrics(""));
            fields.put("test_nonprojective", testNp);
        } else {
            report.append("\n## Per label (dev)\n\n").append(devScores.perLabelTable());
        }
        dir.writeText("scores.md", report.toString());
        return new FinalScores(devScores, testScores, fields);
    }
}
