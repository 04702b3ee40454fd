package edu.cs224n.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiment configs are YAML files of snake_case keys mapped onto immutable records. A record's
 * {@code defaults()} supplies every key, the file overrides some, and CLI {@code --set key=value}
 * overrides single keys last. Unknown keys and ill-typed values are errors that name the key.
 */
public final class Configs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Configs() {}

    public static <T> T load(Path file, List<String> overrides, T defaults, Class<T> type) {
        JsonNode fromFile;
        try {
            fromFile = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage());
        }
        if (fromFile != null && !fromFile.isNull() && !fromFile.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys to values");
        }
        return merge(file.toString(), (ObjectNode) fromFile, overrides, defaults, type);
    }

    public static <T> T merge(String origin, ObjectNode fromFile, List<String> overrides, T defaults, Class<T> type) {
        ObjectNode tree = YAML.valueToTree(defaults);
        if (fromFile != null) {
            fromFile.fields().forEachRemaining(e -> {
                if (!tree.has(e.getKey())) throw new ConfigException(origin + ": unknown key '" + e.getKey() + "'; known keys: " + keys(tree));
                tree.set(e.getKey(), e.getValue());
            });
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) throw new ConfigException("--set expects key=value, got '" + o + "'");
            String key = o.substring(0, eq).trim();
            if (!tree.has(key)) throw new ConfigException("--set: unknown key '" + key + "'; known keys: " + keys(tree));
            try {
                String value = o.substring(eq + 1);
                JsonNode node = value.isBlank() ? null : YAML.readTree(value);
                tree.set(key, node == null || node.isMissingNode() ? com.fasterxml.jackson.databind.node.TextNode.valueOf(value.trim()) : node);
            } catch (IOException e) {
                throw new ConfigException("--set " + key + ": cannot read value: " + e.getMessage());
            }
        }
        try {
            return YAML.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(origin + ": " + e.getOriginalMessage());
        }
    }

    private static String keys(ObjectNode tree) {
        StringBuilder sb = new StringBuilder();
        tree.fieldNames().forEachRemaining(k -> sb.append(sb.length() == 0 ? "" : ", ").append(k));
        return sb.toString();
    }

    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stored config; keys it lacks (written before they existed) take their defaults. */
    public static <T> T fromYaml(String origin, String yaml, T defaults, Class<T> type) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return merge(origin, node instanceof ObjectNode o ? o : null, List.of(), defaults, type);
        } catch (IOException e) {
            throw new ConfigException(origin + ": unreadable config: " + e.getMessage());
        }
    }
}
