package edu.cs224n.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Experiment configs are YAML files of snake_case keys mapped onto immutable records. Each key's {@link Default} at its
 * declaration supplies it, the file overrides some, and CLI {@code --set key=value} overrides single keys last. Unknown
 * keys and ill-typed values are errors that name the key. "The same config except these keys" ({@link #with},
 * {@link #sameExcept}) is done here, by key, for every config record.
 */
public final class Configs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private Configs() {}

    private static final Map<Class<?>, Object> DEFAULTS = new ConcurrentHashMap<>();

    /** The record of {@code type} built from the {@link Default} of every component. */
    public static <T extends Record> T defaults(Class<T> type) {
        return type.cast(DEFAULTS.computeIfAbsent(type, t -> {
            ObjectNode tree = YAML.createObjectNode();
            for (RecordComponent c : t.getRecordComponents()) {
                Default d = c.getAnnotation(Default.class);
                if (d == null) throw new IllegalStateException(t.getSimpleName() + "." + c.getName() + " has no @Default");
                tree.set(key(c.getName()), parseValue(d.value()));
            }
            try {
                return YAML.treeToValue(tree, t);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(t.getSimpleName() + ": bad @Default: " + e.getOriginalMessage(), e);
            }
        }));
    }

    /** The YAML key of a record component (snake_case). */
    private static String key(String component) {
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component);
    }

    /** A YAML scalar or list as a tree node; blank text is the empty string. */
    private static JsonNode parseValue(String value) {
        try {
            JsonNode node = value.isBlank() ? null : YAML.readTree(value);
            return node == null || node.isMissingNode() ? TextNode.valueOf(value.trim()) : node;
        } catch (IOException e) {
            throw new ConfigException("cannot read value '" + value + "': " + e.getMessage());
        }
    }

    /** {@code config} with the given keys (snake_case, as in YAML) set to new values; the rest stays as it is. */
    public static <T extends Record> T with(T config, Map<String, ?> changes) {
        ObjectNode tree = YAML.valueToTree(config);
        for (var e : changes.entrySet()) {
            if (!tree.has(e.getKey())) throw new IllegalArgumentException(config.getClass().getSimpleName() + " has no key " + e.getKey());
            tree.set(e.getKey(), YAML.valueToTree(e.getValue()));
        }
        @SuppressWarnings("unchecked") Class<T> type = (Class<T>) config.getClass();
        try {
            return YAML.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(e.getOriginalMessage());
        }
    }

    /** {@link #with} for one key. */
    public static <T extends Record> T with(T config, String key, Object value) {
        return with(config, Map.of(key, value));
    }

    /** Whether two configs agree on every key but {@code except} (e.g. what a resumed run may change). */
    public static boolean sameExcept(Record a, Record b, Collection<String> except) {
        if (a.getClass() != b.getClass()) return false;
        ObjectNode x = YAML.valueToTree(a), y = YAML.valueToTree(b);
        x.remove(except);
        y.remove(except);
        return x.equals(y);
    }

    /** The keys on which two configs of one type differ. */
    public static List<String> differences(Record a, Record b) {
        ObjectNode x = YAML.valueToTree(a), y = YAML.valueToTree(b);
        List<String> keys = new ArrayList<>();
        x.fieldNames().forEachRemaining(k -> { if (!x.get(k).equals(y.get(k))) keys.add(k); });
        return keys;
    }

    /** A config file: every key's {@link Default}, then the file's keys, then the {@code key=value} overrides. */
    public static <T extends Record> T load(Path file, List<String> overrides, Class<T> type) {
        JsonNode fromFile;
        try {
            fromFile = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage());
        }
        if (fromFile != null && !fromFile.isNull() && !fromFile.isObject()) {
            throw new ConfigException(file + ": expected a mapping of keys to values");
        }
        return merge(file.toString(), (ObjectNode) fromFile, overrides, type);
    }

    /**
     * One key's value as text after the overrides, or null when neither the file nor an override sets it (e.g. which
     * config record a file is for).
     */
    public static String value(Path file, List<String> overrides, String key) {
        String found = null;
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            if (tree != null && tree.has(key)) found = tree.get(key).asText();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage());
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq > 0 && o.substring(0, eq).trim().equals(key)) found = o.substring(eq + 1).trim();
        }
        return found;
    }

    private static <T extends Record> T merge(String origin, ObjectNode fromFile, List<String> overrides, Class<T> type) {
        ObjectNode tree = YAML.valueToTree(defaults(type));
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
                tree.set(key, parseValue(o.substring(eq + 1)));
            } catch (ConfigException e) {
                throw new ConfigException("--set " + key + ": " + e.getMessage());
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
    public static <T extends Record> T fromYaml(String origin, String yaml, Class<T> type) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return merge(origin, node instanceof ObjectNode o ? o : null, List.of(), type);
        } catch (IOException e) {
            throw new ConfigException(origin + ": unreadable config: " + e.getMessage());
        }
    }
}
