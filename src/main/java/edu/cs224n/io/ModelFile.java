package edu.cs224n.io;

import edu.cs224n.config.Configs;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one model-file format of the project, for every model and for pipelines: a zip holding
 * <ul>
 *   <li>{@code model.json}: the format version and the kind of model ({@code parser}, {@code tagger}, ...);</li>
 *   <li>{@code network.zip}: the DL4J network as ModelSerializer writes it (absent in a pipeline);</li>
 *   <li>text entries: {@code config.yaml}, vocabularies (a line per entry), provenance, trainer state;</li>
 *   <li>nested model files (entries named {@code *.zip}), e.g. the tagger a parser reads, or a pipeline's models;</li>
 *   <li>binary entries (named {@code *.bin}), e.g. a parser's weights for parsing without the DL4J graph.</li>
 * </ul>
 * No Java serialisation; written atomically. Files written before the manifest existed are format 1 and still load.
 */
public final class ModelFile {
    /** The format this build writes; it reads every format up to this one. */
    public static final int FORMAT = 2;
    public static final String MANIFEST = "model.json";
    public static final String NETWORK = "network.zip";
    public static final String CONFIG = "config.yaml";
    /** The trainer's state (checkpoints only), to resume from. */
    public static final String TRAINER_STATE = "trainer-state.json";
    /** The run's provenance at the saved epoch. */
    public static final String PROVENANCE = "provenance.json";
    /** The kind of a format-1 file (it named none); any loader accepts it and checks the contents itself. */
    public static final String UNKNOWN_KIND = "unknown";

    private ModelFile() {}

    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    /** A model file being put together; {@link #write} or {@link #toBytes} ends it. */
    public static final class Builder {
        private final String kind;
        private ComputationGraph network;
        private boolean withUpdater;
        private final Map<String, String> texts = new LinkedHashMap<>();
        private final Map<String, byte[]> nested = new LinkedHashMap<>();
        private final Map<String, byte[]> binaries = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        /** The network, with the updater's state (a checkpoint) or without (a model to use). */
        public Builder network(ComputationGraph net, boolean withUpdater) {
            this.network = net;
            this.withUpdater = withUpdater;
            return this;
        }

        public Builder config(Record config) {
            return text(CONFIG, Configs.toYaml(config));
        }

        public Builder text(String name, String text) {
            if (name.endsWith(".zip") || name.endsWith(".bin") || name.equals(MANIFEST)) throw new IllegalArgumentException("text entry " + name + ": reserved name");
            texts.put(name, text);
            return this;
        }

        public Builder texts(Map<String, String> entries) {
            entries.forEach(this::text);
            return this;
        }

        /** A list written one item a line (vocabularies). */
        public Builder lines(String name, List<String> lines) {
            return text(name, String.join("\n", lines));
        }

        /** Another model file carried inside this one, as its bytes; the name must end in {@code .zip}. */
        public Builder nested(String name, byte[] modelFile) {
            if (!name.endsWith(".zip") || name.equals(NETWORK)) throw new IllegalArgumentException("nested model " + name + " must be named *.zip");
            nested.put(name, modelFile);
            return this;
        }

        /** A binary entry (named {@code *.bin}). */
        public Builder binary(String name, byte[] bytes) {
            if (!name.endsWith(".bin")) throw new IllegalArgumentException("binary entry " + name + " must be named *.bin");
            binaries.put(name, bytes);
            return this;
        }

        public void write(Path target) throws IOException {
            byte[] net = networkBytes();
            AtomicFiles.write(target, out -> writeTo(out, net));
        }

        public byte[] toBytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeTo(out, networkBytes());
            return out.toByteArray();
        }

        private byte[] networkBytes() throws IOException {
            if (network == null) return null;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, b, withUpdater);
            return b.toByteArray();
        }

        private void writeTo(OutputStream out, byte[] net) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, MANIFEST, Provenance.toJson(Map.of("format", FORMAT, "kind", kind)).getBytes(StandardCharsets.UTF_8));
            if (net != null) put(zip, NETWORK, net);
            for (var e : texts.entrySet()) put(zip, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            for (var e : nested.entrySet()) put(zip, e.getKey(), e.getValue());
            for (var e : binaries.entrySet()) put(zip, e.getKey(), e.getValue());
            zip.finish();
        }

        private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
        }
    }

    /**
     * A model file as read.
     *
     * @param where   names the file in errors ({@code outer.zip!tagger.zip} for a nested one)
     * @param network the network's entry, restored by {@link #requireNetwork()} only (a parser that parses from its
     *                {@code *.bin} weights never starts DL4J); null where the file has none (a pipeline)
     */
    public record Contents(String where, int format, String kind, byte[] network, boolean withUpdater, Map<String, String> texts,
                           Map<String, byte[]> nested, Map<String, byte[]> binaries) {
        /** A text entry the model needs; its absence is an error naming the file. */
        public String text(String name) {
            String s = texts.get(name);
            if (s == null) throw new IllegalArgumentException(where + ": not a " + describe(kind) + " of this project (no entry '" + name + "')");
            return s;
        }

        /** A text entry that may be absent (null then). */
        public String optionalText(String name) {
            return texts.get(name);
        }

        public List<String> lines(String name) {
            return List.of(text(name).split("\n", -1));
        }

        /** The stored config; keys it lacks (written before they existed) take their defaults. */
        public <T extends Record> T config(Class<T> type) {
            return Configs.fromYaml(where + "!" + CONFIG, text(CONFIG), type);
        }

        /** The network, restored from its entry (a new instance at every call). */
        public ComputationGraph requireNetwork() {
            if (network == null) throw new IllegalArgumentException(where + ": not a model file of this project (no " + NETWORK + " entry)");
            try {
                return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(network), withUpdater);
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": unreadable " + NETWORK + ": " + e.getMessage(), e);
            }
        }

        /** A binary entry's bytes, or null. */
        public byte[] optionalBinary(String name) {
            return binaries.get(name);
        }

        /** A nested model file's bytes, or null. */
        public byte[] optionalNested(String name) {
            return nested.get(name);
        }

        /** These contents with {@code config} as the stored config (a checkpoint resumed with a new epoch budget or thread count). */
        public Contents withConfig(Record config) {
            Map<String, String> t = new LinkedHashMap<>(texts);
            t.put(CONFIG, Configs.toYaml(config));
            return new Contents(where, format, kind, network, withUpdater, t, nested, binaries);
        }
    }

    /** Reads a model file of {@code kind}; a file of another kind, or of a newer format, is refused by name. */
    public static Contents read(Path file, String kind, boolean withUpdater) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such model file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), kind, withUpdater);
        }
    }

    /** {@link #read(Path, String, boolean)} of a nested model file's bytes; {@code where} names it in errors. */
    public static Contents read(byte[] bytes, String where, String kind, boolean withUpdater) throws IOException {
        return read(new ByteArrayInputStream(bytes), where, kind, withUpdater);
    }

    /** The kind a model file says it is ({@link #UNKNOWN_KIND} for format 1 models; {@code pipeline} for format 1 pipelines). */
    public static String kind(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such model file");
        try (InputStream in = Files.newInputStream(file)) {
            return kind(in, file.toString());
        }
    }

    /** {@link #kind(Path)} of a nested model file's bytes; {@code where} names it in errors. */
    public static String kind(byte[] bytes, String where) throws IOException {
        return kind(new ByteArrayInputStream(bytes), where);
    }

    private static String kind(InputStream in, String where) throws IOException {
        boolean network = false, legacyPipeline = false;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST)) return manifest(where, zip.readAllBytes()).kind();
                network |= e.getName().equals(NETWORK);
                legacyPipeline |= e.getName().equals(LEGACY_PIPELINE);
            }
        }
        return formatOne(where, network, legacyPipeline).kind();
    }

    /** The settings entry of a format-1 pipeline file, which had no manifest and no network. */
    private static final String LEGACY_PIPELINE = "pipeline.yaml";

    private record Manifest(int format, String kind) {}

    /** A file without a manifest, written before it existed: a model had a network, a pipeline its settings and none. */
    private static Manifest formatOne(String where, boolean network, boolean legacyPipeline) {
        if (network) return new Manifest(1, UNKNOWN_KIND);
        if (legacyPipeline) return new Manifest(1, "pipeline");
        throw new IllegalArgumentException(where + ": not a model file of this project (no " + MANIFEST + " or " + NETWORK + " entry)");
    }

    /** "pipeline file", "parser model file", ... */
    private static String describe(String kind) {
        return kind.equals("pipeline") ? "pipeline file" : kind + " model file";
    }

    private static Manifest manifest(String where, byte[] json) {
        try {
            var node = Provenance.JSON.readTree(json);
            int format = node.path("format").asInt(-1);
            String kind = node.path("kind").asText("");
            if (format < 1 || kind.isEmpty()) throw new IllegalArgumentException(where + ": unreadable " + MANIFEST + " (expected format and kind)");
            if (format > FORMAT) {
                throw new IllegalArgumentException(where + ": model file format " + format + " is newer than this build reads (formats 1-" + FORMAT
                        + "); use a newer cs224n-dl4j");
            }
            return new Manifest(format, kind);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": unreadable " + MANIFEST + ": " + e.getMessage());
        }
    }

    private static Contents read(InputStream in, String where, String kind, boolean withUpdater) throws IOException {
        byte[] network = null;
        Manifest manifest = null;
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, byte[]> nested = new LinkedHashMap<>();
        Map<String, byte[]> binaries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals(MANIFEST)) manifest = manifest(where, bytes);
                else if (e.getName().equals(NETWORK)) network = bytes;
                else if (e.getName().endsWith(".zip")) nested.put(e.getName(), bytes);
                else if (e.getName().endsWith(".bin")) binaries.put(e.getName(), bytes);
                else texts.put(e.getName(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(where + ": not a model file of this project (not a zip: " + e.getMessage() + ")");
        }
        if (manifest == null) manifest = formatOne(where, network != null, texts.containsKey(LEGACY_PIPELINE));
        if (!manifest.kind().equals(kind) && !manifest.kind().equals(UNKNOWN_KIND)) {
            throw new IllegalArgumentException(where + ": a " + describe(manifest.kind()) + ", not a " + describe(kind));
        }
        return new Contents(where, manifest.format(), kind, network, withUpdater, texts, nested, binaries);
    }
}
