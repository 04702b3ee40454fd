package edu.cs224n.parser;

import edu.cs224n.data.ConllSequenceRecordReader;
import edu.cs224n.data.Sentence;
import edu.cs224n.data.TagSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FeatureExtractorTest {
    static final int NULL = ParserVocabulary.NULL_ID, ROOT = ParserVocabulary.ROOT_ID;

    @Test
    void chenManningPositionsOnTheSeedSentence() {
        List<Sentence> seed = ConllSequenceRecordReader.read(Path.of("corpora/sample/example-sentence.conllu"), true);
        ParserVocabulary v = ParserVocabulary.build(seed, List.of(TagSet.UPOS, TagSet.XPOS), true, false, 1);
        FeatureExtractor fx = FeatureExtractor.of(v);
        assertEquals(4, fx.groups());
        assertEquals(18 + 18 + 18 + 12, fx.totalWidth());
        assertEquals(48, new FeatureExtractor(1, true).totalWidth());
        assertEquals(36, new FeatureExtractor(1, false).totalWidth());

        ParserVocabulary.EncodedSentence enc = v.encode(seed.get(0));
        ArcStandard sys = v.transitionSystem();
        int[][] gold = v.goldArcs(seed.get(0));
        int[] seq = new Oracle(sys).sequence(5, gold[0], gold[1]);
        PartialParse p = new PartialParse(5);
        for (int i = 0; i < 6; i++) sys.apply(p, seq[i]); // after "sentence -> this": stack [ROOT, parsed, sentence]
        assertEquals(List.of(0, 2, 4), p.stackList());

        int[] row = new int[fx.totalWidth()];
        fx.extract(p, enc, row, 0);
        int[][] f = new int[fx.groups()][];
        for (int g = 0; g < f.length; g++) f[g] = java.util.Arrays.copyOfRange(row, fx.offset(g), fx.offset(g) + fx.width(g));
        int parsed = v.wordId("parsed"), sentence = v.wordId("sentence"), correctly = v.wordId("correctly");
        int i = v.wordId("I"), thisId = v.wordId("this");
        int[] expectedWords = {sentence, parsed, ROOT, correctly, NULL, NULL,
                thisId, NULL, NULL, NULL,     // lc1, rc1, lc2, rc2 of s1 = sentence: its one child "this"
                i, NULL, NULL, NULL,          // the same for s2 = parsed: leftmost child "I"
                NULL, NULL, NULL, NULL};      // grandchildren: none yet
        assertArrayEquals(expectedWords, f[0]);
        int det = 1 + v.transitionLabels().indexOf("det"), nsubj = 1 + v.transitionLabels().indexOf("nsubj");
        assertArrayEquals(new int[] {det, NULL, NULL, NULL, nsubj, NULL, NULL, NULL, NULL, NULL, NULL, NULL}, f[3]);
        assertEquals(v.tags().get(1).id("NN"), f[2][0]);
        assertEquals(ROOT, f[1][2]);
    }
}
