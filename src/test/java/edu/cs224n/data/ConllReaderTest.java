package edu.cs224n.data;

import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ConllReaderTest {
    static final String CONLLU = String.join("\n",
            "# sent_id = 1",
            "# text = I don't know.",
            "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t4:nsubj\t_",
            "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
            "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_",
            "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_",
            "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\t_",
            "4.1\tit\tit\tPRON\tPRP\t_\t_\t_\t4:obj\t_",
            "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_",
            "",
            "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_",
            "", "");

    static List<Sentence> read(String text, boolean tree) {
        return ConllSequenceRecordReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.conllu", tree);
    }

    static String write(List<Sentence> s) throws IOException {
        StringWriter w = new StringWriter();
        ConllWriter.write(s, w);
        return w.toString();
    }

    @Test
    void readsCommentsMultiwordAndEmptyNodesAndWritesThemBack() throws IOException {
        List<Sentence> s = read(CONLLU, true);
        assertEquals(2, s.size());
        Sentence first = s.get(0);
        assertEquals(5, first.size());
        assertEquals(List.of("# sent_id = 1", "# text = I don't know."), first.comments());
        assertEquals("do", first.tokens().get(1).form());
        assertEquals("AUX", first.tokens().get(1).tag(TagSet.UPOS));
        assertEquals("VBP", first.tokens().get(1).tag(TagSet.XPOS));
        assertArrayEquals(new int[] {4, 4, 4, 0, 4}, first.heads());
        assertTrue(first.isLabelled());
        assertEquals(CONLLU, write(s));
    }

    @Test
    void writerPutsPredictionsAndKeepsOtherColumns() throws IOException {
        Sentence s = read(CONLLU, true).get(1);
        String out = write(List.of(s.withPredictions(new int[] {0}, new String[] {"discourse"})));
        assertEquals("1\tYes\tyes\tINTJ\tUH\t_\t0\tdiscourse\t0:root\t_\n\n", out);
    }

    @Test
    void readsCoNLLXUnlabelled() {
        String x = "1\tPierre\t_\tNNP\tNNP\t_\t2\t_\t_\t_\n2\tVinken\t_\tNNP\tNNP\t_\t0\t_\t_\t_\n";
        Sentence s = read(x, true).get(0);
        assertFalse(s.isLabelled());
        assertEquals("NNP", s.tokens().get(0).tag(TagSet.XPOS));
    }

    @Test
    void acceptsCrlfBomAndNoFinalBlankLine() {
        String text = "\uFEFF1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\r\n\r\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_";
        List<Sentence> s = read(text, true);
        assertEquals(2, s.size());
        assertEquals("Hi", s.get(0).tokens().get(0).form());
        assertEquals("_", s.get(1).tokens().get(0).misc());
    }

    /** The reader splits and decodes the bytes of a line itself; each case is what decoding the line first gave. */
    @Test
    void linesReadAsBytesDecodeAsText() throws IOException {
        // A line of Unicode spaces only (U+3000, U+2003) separates sentences, as String.isBlank says; U+00A0 is not a space.
        String text = "1\tJa\u0308\tja\tINTJ\tUH\t_\t0\troot\t_\t_\n\u3000\u2003\n1\t\u00A0\t_\tX\tX\t_\t0\troot\t_\tSpaceAfter=No\n";
        List<Sentence> s = read(text, true);
        assertEquals(2, s.size());
        assertEquals("Ja\u0308", s.get(0).tokens().get(0).form());
        assertEquals("\u00A0", s.get(1).tokens().get(0).form());
        assertEquals("SpaceAfter=No", s.get(1).tokens().get(0).misc());
        assertEquals(text.replace("\u3000\u2003", "") + "\n", write(s));
        // A malformed byte becomes U+FFFD in its column only; a word id in other digits is read as that number.
        byte[] bad = "1\tX\tx\tX\tX\t_\t0\troot\t_\t_\n".getBytes(StandardCharsets.UTF_8);
        bad[2] = (byte) 0xC3;
        Token t = ConllSequenceRecordReader.read(new ByteArrayInputStream(bad), "bad.conllu", true).get(0).tokens().get(0);
        assertEquals("\uFFFD", t.form());
        assertEquals("x", t.lemma());
        assertEquals(1, read("\u0661\tX\t_\tX\tX\t_\t0\troot\t_\t_\n", true).get(0).tokens().get(0).id());
        assertError("1\tX\t_\tX\tX\t_\t0\troot\t_\t_\n\u00A0\n", false, 2, "expected 10 tab-separated columns, found 1");
        assertError("\uFEFF1\tX\t_\tX\n", false, 1, "found 4");
    }

    @Test
    void parseInputNeedsNoTree() {
        List<Sentence> s = read("1\tHi\thi\tINTJ\tUH\t_\t_\t_\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t_\t_\t_\t_\n", false);
        assertEquals(Token.NO_HEAD, s.get(0).tokens().get(0).head());
    }

    @Test
    void dataVecViewIsOneTimeStepOfTenColumnsPerWord() throws Exception {
        ConllSequenceRecordReader r = new ConllSequenceRecordReader(true);
        r.initialize(new org.datavec.api.split.InputStreamInputSplit(new ByteArrayInputStream(CONLLU.getBytes(StandardCharsets.UTF_8)), "x.conllu"));
        assertTrue(r.hasNext());
        List<List<Writable>> seq = r.sequenceRecord();
        assertEquals(5, seq.size());
        assertEquals(10, seq.get(0).size());
        assertEquals("know", seq.get(3).get(1).toString());
        assertEquals(1, r.nextSequence().getSequenceLength());
        assertFalse(r.hasNext());
        r.reset();
        assertTrue(r.hasNext());
    }

    @Test
    void readsFilesAndNamesThemInErrors(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.conllu");
        Files.writeString(f, "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n1\tB\tb\tX\tX\t_\t0\troot\t_\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ConllSequenceRecordReader.read(f, true));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(f + ":3: expected 10 tab-separated columns, found 9"), e.getMessage());
    }

    private static void assertError(String text, boolean tree, int line, String fragment) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(text, tree));
        assertEquals("test.conllu", e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.conllu:" + line + ": "), e.getMessage());
    }

    static String tok(String id, String head) {
        return id + "\tw\tw\tX\tX\t_\t" + head + "\tdep\t_\t_\n";
    }

    @Test
    void wrongColumnCount() {
        assertError(tok("1", "0") + "2\tw\tw\tX\tX\t_\t1\tdep\n", false, 2, "expected 10 tab-separated columns, found 8");
    }

    @Test
    void spacesInsteadOfTabs() {
        assertError("1 w w X X _ 0 root _ _\n", false, 1, "separated by spaces");
    }

    @Test
    void idsOutOfOrder() {
        assertError(tok("1", "0") + tok("3", "1"), false, 2, "word id 3 out of order: expected 2");
        assertError(tok("x", "0"), false, 1, "bad ID 'x'");
    }

    @Test
    void emptySentence() {
        assertError("# sent_id = 1\n\n" + tok("1", "0"), false, 1, "empty sentence");
    }

    @Test
    void badMultiwordRanges() {
        assertError(tok("1", "0") + "3-4\tww\t_\t_\t_\t_\t_\t_\t_\t_\n", false, 2, "bad multiword range '3-4'");
        assertError("1-1\tww\t_\t_\t_\t_\t_\t_\t_\t_\n" + tok("1", "0"), false, 1, "bad multiword range");
        assertError("1-3\tww\t_\t_\t_\t_\t_\t_\t_\t_\n" + tok("1", "0") + tok("2", "1"), false, 1, "ends at word 3 but the sentence has 2 words");
    }

    @Test
    void nonIntegerHead() {
        assertError(tok("1", "0") + tok("2", "x"), true, 2, "HEAD 'x' is not an integer");
    }

    @Test
    void headOutOfRange() {
        assertError(tok("1", "0") + tok("2", "7"), true, 2, "HEAD 7 out of range: expected 0..2");
    }

    @Test
    void noRoot() {
        assertError("# c\n" + tok("1", "2") + tok("2", "1"), true, 1, "no root");
    }

    @Test
    void twoRoots() {
        assertError(tok("1", "0") + tok("2", "0"), true, 2, "two roots");
    }

    @Test
    void cycle() {
        assertError(tok("1", "0") + tok("2", "3") + tok("3", "2"), true, 2, "cycle");
        assertError(tok("1", "0") + tok("2", "2"), true, 2, "its own head");
    }
}
