package edu.cs224n.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a run was: commit, machine, seed, data files with their SHA-256, and its metrics; stored as JSON. */
public final class Provenance {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Provenance() {}

    public static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return "unknown";
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").redirectErrorStream(true).start();
            boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
            d.waitFor(5, TimeUnit.SECONDS);
            return dirty ? out + "-dirty" : out;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    public static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB";
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            return "unreadable";
        }
    }

    /** A provenance record: the caller adds its own keys (config, metrics). */
    public static Map<String, Object> record(long seed, Map<String, Path> dataFiles) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", Instant.now().toString());
        m.put("commit", commit());
        m.put("machine", machine());
        m.put("seed", seed);
        m.put("dl4j", "1.0.0-M2.1");
        Map<String, String> data = new LinkedHashMap<>();
        dataFiles.forEach((k, p) -> data.put(k, p + " sha256:" + sha256(p)));
        m.put("data", data);
        return m;
    }

    public static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
