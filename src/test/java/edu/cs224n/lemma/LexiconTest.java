package edu.cs224n.lemma;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LexiconTest {
    @TempDir
    Path dir;

    /** A word-vector file's first column, its "count dimension" header skipped, lowercased; a plain word list too. */
    @Test
    void readsTheFirstColumnOfAVectorFileOrAWordList() throws Exception {
        Path vectors = dir.resolve("vectors.txt");
        Files.writeString(vectors, "3 2\nthe 0.1 0.2\nConcur 0.3 0.4\nfrown -0.1 0.5\n");
        Lexicon l = Lexicon.read(vectors);
        assertEquals(List.of("concur", "frown", "the"), l.lines());
        assertTrue(l.contains("Frown") && l.contains("concur"));
        assertFalse(l.contains("3"), "the header is no word");
        assertEquals(l, Lexicon.fromLines(l.lines()));
        Path words = dir.resolve("words.txt");
        Files.writeString(words, "ebb\nhero\n");
        assertEquals(List.of("ebb", "hero"), Lexicon.read(words).lines());
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n");
        assertThrows(IllegalArgumentException.class, () -> Lexicon.read(empty));
    }

    /** The beam's most probable output that is a word wins; with none, the most probable output. */
    @Test
    void theFirstOutputThatIsAWordIsTaken() {
        Lexicon l = Lexicon.fromLines(List.of("concur", "hero"));
        assertEquals(1, LemmatizerModel.firstKnown(List.of("concurr", "concur", "concu"), l::contains));
        assertEquals(0, LemmatizerModel.firstKnown(List.of("hero", "heroe"), l::contains));
        assertEquals(0, LemmatizerModel.firstKnown(List.of("ebbe", "ebbed"), l::contains), "none is a word: the most probable");
    }
}
