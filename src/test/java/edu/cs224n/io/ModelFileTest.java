package edu.cs224n.io;

import edu.cs224n.config.Default;
import edu.cs224n.testing.ModelFiles;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** The one model-file format: what goes in comes out, format-1 files (no manifest) load, other kinds and newer formats are refused. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static ComputationGraph net() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("x")
                .addLayer("y", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build(), "x")
                .setOutputs("y").build());
        g.init();
        return g;
    }

    record Tiny(@Default("0") int hidden, @Default("") String name) {}

    @Test
    void entriesNetworkAndNestedFilesRoundTrip() throws IOException {
        ComputationGraph g = net();
        byte[] inner = ModelFile.builder("inner").text("a.txt", "inner text").toBytes();
        Path f = dir.resolve("m.zip");
        ModelFile.builder("tiny").network(g, false).lines("vocab.txt", List.of("x", "y")).text("config.yaml", "hidden: 7\nname: t\n")
                .nested("inner.zip", inner).binary("w.bin", new byte[] {1, 2, 0, -1}).write(f);
        ModelFile.Contents c = ModelFile.read(f, "tiny", false);
        assertEquals(ModelFile.FORMAT, c.format());
        assertEquals("tiny", ModelFile.kind(f));
        assertEquals(g.params(), c.requireNetwork().params());
        assertEquals(List.of("x", "y"), c.lines("vocab.txt"));
        assertEquals(new Tiny(7, "t"), c.config(Tiny.class));
        assertEquals("inner text", ModelFile.read(c.optionalNested("inner.zip"), "m.zip!inner.zip", "inner", false).text("a.txt"));
        assertArrayEquals(new byte[] {1, 2, 0, -1}, c.optionalBinary("w.bin"));
        assertNull(c.optionalBinary("nope.bin"));
        assertThrows(IllegalArgumentException.class, () -> ModelFile.builder("tiny").text("w.bin", "text"), "a *.bin name is for binary entries");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> c.text("nope.txt"));
        assertTrue(missing.getMessage().contains(f.toString()) && missing.getMessage().contains("nope.txt"), missing.getMessage());
    }

    @Test
    void anotherKindIsRefusedByName() throws IOException {
        Path f = dir.resolve("t.zip");
        ModelFile.builder("tagger").network(net(), false).write(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f, "parser", false));
        assertTrue(e.getMessage().contains("a tagger model file, not a parser model file"), e.getMessage());
    }

    @Test
    void formatOneFilesLoadAndNewerFormatsAreRefused() throws IOException {
        Path f = dir.resolve("m.zip");
        ModelFile.builder("parser").network(net(), false).text("config.yaml", "hidden: 3\n").write(f);
        Path old = dir.resolve("old.zip");
        ModelFiles.rewrite(f, old, null);
        ModelFile.Contents c = ModelFile.read(old, "parser", false);
        assertEquals(1, c.format());
        assertEquals(ModelFile.UNKNOWN_KIND, ModelFile.kind(old));
        assertNotNull(c.requireNetwork());

        Path newer = dir.resolve("newer.zip");
        ModelFiles.rewrite(f, newer, "{\"format\": 3, \"kind\": \"parser\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(newer, "parser", false));
        assertTrue(e.getMessage().contains("format 3") && e.getMessage().contains("formats 1-" + ModelFile.FORMAT), e.getMessage());

        Path notModel = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(notModel))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(notModel, "parser", false));
        assertTrue(e.getMessage().contains("not a model file of this project"), e.getMessage());
        Path text = Files.writeString(dir.resolve("text.zip"), "not a zip at all");
        assertThrows(IllegalArgumentException.class, () -> ModelFile.read(text, "parser", false));
    }
}
