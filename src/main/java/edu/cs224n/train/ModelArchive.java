package edu.cs224n.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One model file for every model of the project: a zip holding the DL4J network (ModelSerializer's own zip,
 * as the entry {@code network.zip}), text entries (config, vocabularies, provenance, trainer state) and, for a
 * model that carries another one (a parser reading a tagger's states), that model's file as a binary entry whose
 * name ends in {@code .zip}. No Java serialisation. Written atomically.
 */
public final class ModelArchive {
    public static final String NETWORK = "network.zip";
    /** The trainer's state (checkpoints only) and the run's provenance at the saved epoch. */
    public static final String TRAINER_STATE = "trainer-state.json";
    public static final String PROVENANCE = "provenance.json";

    /**
     * The entries a trainer writes beside a model: provenance with the saved epoch and its metrics (under
     * {@code metricsKey}), and for a checkpoint the trainer state to resume from.
     */
    public static Map<String, String> trainingEntries(Map<String, Object> provenance, TrainerState state, String metricsKey, boolean checkpoint) {
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        Map<String, Object> prov = new java.util.LinkedHashMap<>(provenance);
        EpochResult last = state.history().get(state.history().size() - 1);
        prov.put("epoch", last.epoch());
        prov.put(metricsKey, last.metrics());
        extra.put(PROVENANCE, Provenance.toJson(prov));
        if (checkpoint) extra.put(TRAINER_STATE, state.toJson());
        return extra;
    }

    private ModelArchive() {}

    /** @param binaries the entries whose names end in {@code .zip}, as bytes */
    public record Contents(ComputationGraph network, Map<String, String> entries, Map<String, byte[]> binaries) {
        public String entry(String name, Path file) {
            String s = entries.get(name);
            if (s == null) throw new IllegalArgumentException(file + ": not a model of this kind (no entry '" + name + "')");
            return s;
        }
    }

    public static void write(Path target, ComputationGraph net, boolean withUpdater, Map<String, String> entries) throws IOException {
        write(target, net, withUpdater, entries, Map.of());
    }

    /** @param binaries entries written as they are; their names must end in {@code .zip} */
    public static void write(Path target, ComputationGraph net, boolean withUpdater, Map<String, String> entries,
                             Map<String, byte[]> binaries) throws IOException {
        for (String name : binaries.keySet()) {
            if (!name.endsWith(".zip")) throw new IllegalArgumentException("binary entry " + name + " must be named *.zip");
        }
        ByteArrayOutputStream network = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, network, withUpdater);
        AtomicFiles.write(target, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(NETWORK));
            network.writeTo(zip);
            zip.closeEntry();
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (var e : binaries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    public static Contents read(Path file, boolean withUpdater) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such model file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), withUpdater);
        }
    }

    /** Reads a model file's bytes; {@code where} names it in errors. */
    public static Contents read(InputStream in, String where, boolean withUpdater) throws IOException {
        byte[] network = null;
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, byte[]> binaries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] bytes = zip.readAllBytes();
                if (e.getName().equals(NETWORK)) network = bytes;
                else if (e.getName().endsWith(".zip")) binaries.put(e.getName(), bytes);
                else entries.put(e.getName(), new String(bytes, StandardCharsets.UTF_8));
            }
        }
        if (network == null) throw new IllegalArgumentException(where + ": not a model file of this project (no " + NETWORK + " entry)");
        ComputationGraph net = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(network), withUpdater);
        return new Contents(net, entries, binaries);
    }
}
