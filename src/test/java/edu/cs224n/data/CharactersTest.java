package edu.cs224n.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CharactersTest {
    @Test
    void charactersKeepAPrefixAndASuffixOfLongWords() {
        List<Sentence> s = ConllSequenceRecordReader.read(Path.of("corpora/sample/example-sentence.conllu"), true);
        Characters c = Characters.build(s);
        int[][] ids = c.encode(s.get(0));
        assertEquals(s.get(0).size() + 1, ids.length);
        assertArrayEquals(new int[] {c.ids().id(Characters.ROOT)}, ids[0]);
        String word = s.get(0).tokens().get(0).form();
        assertEquals(word.length() + 2, ids[1].length, "<w> characters </w>");
        assertEquals(c.ids().id(Characters.BOW), ids[1][0]);
        assertEquals(c.ids().id(word.substring(0, 1)), ids[1][1]);
        Sentence longWord = new Sentence("x", 1, List.of(), List.of(new Token(1, "antidisestablishmentarianism", "_", "_", "_", "_", "0",
                "root", "_", "_", 1)), List.of());
        int[] w = c.encode(longWord)[1];
        assertEquals(Characters.MAX, w.length);
        assertEquals(c.ids().id(Characters.EOW), w[Characters.MAX - 1]);
        assertEquals(c.ids().id("m"), w[Characters.MAX - 2], "the suffix is kept");
    }

    @Test
    void aWordsIdsAreItsPositionsIdsWithoutRoot() {
        List<Sentence> s = ConllSequenceRecordReader.read(Path.of("corpora/sample/example-sentence.conllu"), true);
        Characters c = Characters.build(s);
        int[][] ids = c.encode(s.get(0));
        for (int i = 0; i < s.get(0).size(); i++) assertArrayEquals(ids[i + 1], c.word(s.get(0).tokens().get(i).form()));
        assertEquals(c.ids().id(Characters.UNK), c.word("\u00e6")[1], "a character training never had is unknown");
    }
}
