package edu.cs224n.config;

import edu.cs224n.lm.KneserNeyConfig;
import edu.cs224n.lm.LmConfig;
import edu.cs224n.parser.ParserConfig;
import edu.cs224n.siamese.PseudoSiameseConfig;
import edu.cs224n.siamese.SiameseCeilingConfig;
import edu.cs224n.siamese.SiameseConfig;
import edu.cs224n.tagger.TaggerConfig;
import edu.cs224n.vectors.VectorsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** One config mechanism: defaults at the declaration, "the same except these keys", every shipped config file readable. */
class ConfigsTest {
    @Test
    void defaultsComeFromTheDeclarations() {
        ParserConfig p = ParserConfig.defaults();
        assertEquals(200, p.hidden());
        assertEquals(5e-4, p.learningRate());
        assertEquals(List.of("upos"), p.tags());
        assertEquals(List.of("s1", "s2", "s3", "b1"), p.contextPositions());
        assertEquals("", p.train());
        assertEquals("corpora/brown/brown.train.txt", LmConfig.defaults().train());
        assertEquals(List.of(300), SiameseConfig.defaults().layers());
        assertEquals(1e-4, SiameseConfig.defaults().w2vSampling());
        for (Class<? extends Record> type : List.of(ParserConfig.class, TaggerConfig.class, LmConfig.class, SiameseConfig.class, PseudoSiameseConfig.class,
                SiameseCeilingConfig.class, VectorsConfig.class, KneserNeyConfig.class)) {
            assertNotNull(Configs.defaults(type), type.getSimpleName());
        }
    }

    @Test
    void withChangesOnlyTheNamedKeys() {
        TaggerConfig d = TaggerConfig.defaults();
        TaggerConfig c = Configs.with(d, Map.of("epochs", 3, "train", "x.conllu"));
        assertEquals(3, c.epochs());
        assertEquals("x.conllu", c.train());
        assertEquals(List.of("epochs", "train"), Configs.differences(d, c).stream().sorted().toList());
        assertTrue(Configs.sameExcept(d, c, List.of("epochs", "train")));
        assertFalse(Configs.sameExcept(d, c, List.of("epochs")));
        assertThrows(IllegalArgumentException.class, () -> Configs.with(d, "no_such_key", 1));
    }

    @Test
    void overridesAreCheckedByKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> Configs.load(Path.of("conf/parser-sample.yaml"), List.of("hiden=3"), ParserConfig.class));
        assertTrue(e.getMessage().contains("hiden") && e.getMessage().contains("hidden"), e.getMessage());
        assertEquals(7, Configs.load(Path.of("conf/parser-sample.yaml"), List.of("hidden=7"), ParserConfig.class).hidden());
    }

    @Test
    void everyShippedConfigReads() {
        Map<String, Class<? extends Record>> types = Map.ofEntries(Map.entry("parser-", ParserConfig.class), Map.entry("tagger-", TaggerConfig.class),
                Map.entry("lm-kn-", KneserNeyConfig.class), Map.entry("lm-", LmConfig.class), Map.entry("siamese-pseudo", PseudoSiameseConfig.class),
                Map.entry("siamese-ceiling", SiameseCeilingConfig.class), Map.entry("siamese-", SiameseConfig.class), Map.entry("vectors", VectorsConfig.class),
                Map.entry("lemmatizer-", edu.cs224n.lemma.LemmatizerConfig.class), Map.entry("vae-", edu.cs224n.vae.VaeConfig.class),
                Map.entry("gfrnn-", edu.cs224n.experiments.GatedFeedbackStudyConfig.class));
        int read = 0;
        for (String name : new java.io.File("conf").list()) {
            Class<? extends Record> type = types.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                    .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).orElseThrow(() -> new AssertionError("no config type for " + name)).getValue();
            if (type == ParserConfig.class && "biaffine".equals(Configs.value(Path.of("conf", name), List.of(), "parser"))) {
                type = edu.cs224n.biaffine.BiaffineConfig.class; // the parser key chooses the record, as `parser train` does
            }
            assertNotNull(Configs.load(Path.of("conf", name), List.of(), type), name);
            read++;
        }
        assertTrue(read >= 20, "config files read: " + read);
    }
}
