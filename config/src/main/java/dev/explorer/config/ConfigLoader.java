package dev.explorer.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves an {@link ExplorerConfig} from layers, later ones winning:
 * built-in defaults, then a preset ({@code cpu}, {@code paper}, {@code demo}), then a YAML or
 * JSON file, then {@code --set path.to.key=value} assignments. Every layer is checked against
 * {@link ConfigSchema} as it is applied, so a problem names the layer it came from; all problems
 * are collected and thrown together as a {@link ConfigException} before any work starts.
 *
 * <pre>{@code
 * ExplorerConfig c = ConfigLoader.builder().preset("paper").file(Path.of("my.yaml")).set("train.lr=0.1").load();
 * }</pre>
 */
public final class ConfigLoader {

    /** Presets shipped as resources; {@code cpu} equals the built-in defaults. */
    public static final List<String> PRESETS = List.of("cpu", "paper", "demo");
    public static final String DEFAULT_PRESET = "cpu";

    private static final ObjectMapper YAML = newMapper();

    private ConfigLoader() {}

    public static Builder builder() {
        return new Builder();
    }

    /** Builder of one resolution; immutable settings are collected, nothing is read until {@link #load()}. */
    public static final class Builder {
        private String preset = DEFAULT_PRESET;
        private Path file;
        private final List<String> sets = new ArrayList<>();
        private boolean checkPaths = true;

        public Builder preset(String name) {
            this.preset = name == null ? DEFAULT_PRESET : name;
            return this;
        }

        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        public Builder set(String assignment) {
            sets.add(Objects.requireNonNull(assignment));
            return this;
        }

        public Builder sets(List<String> assignments) {
            if (assignments != null) {
                assignments.forEach(this::set);
            }
            return this;
        }

        /** Whether paths that must exist are checked on disk (true by default). */
        public Builder checkPaths(boolean check) {
            this.checkPaths = check;
            return this;
        }

        /** Resolves and validates. @throws ConfigException listing every problem found */
        public ExplorerConfig load() {
            return resolve(this);
        }
    }

    /** The built-in defaults (the {@code cpu} preset). */
    public static ExplorerConfig defaults() {
        return ExplorerConfig.defaults();
    }

    /** Loads one preset with nothing on top of it. */
    public static ExplorerConfig preset(String name) {
        return builder().preset(name).checkPaths(false).load();
    }

    /** Validates a config built in code, the same way a loaded one is validated. */
    public static ExplorerConfig check(ExplorerConfig config) {
        Layering l = new Layering();
        ObjectNode tree = YAML.valueToTree(config);
        l.apply(tree, "code");
        return l.finish(true);
    }

    /** The resolved config as YAML that {@link #builder()}{@code .file(...)} reads back to an equal config. */
    public static String toYaml(ExplorerConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mapper used for config files; Paths are plain strings, enums their YAML names. */
    public static ObjectMapper yamlMapper() {
        return YAML.copy();
    }

    private static ExplorerConfig resolve(Builder b) {
        Layering l = new Layering();
        l.apply(YAML.valueToTree(ExplorerConfig.defaults()), "defaults");
        if (!PRESETS.contains(b.preset)) {
            String hint = ConfigSchema.nearestWord(b.preset, PRESETS).map(s -> "did you mean '" + s + "'? ").orElse("");
            throw new ConfigException(new ConfigProblem("preset", "--preset",
                    "unknown preset '" + b.preset + "'", hint + "choose one of " + PRESETS));
        }
        l.apply(readPreset(b.preset), "preset " + b.preset);
        if (b.file != null) {
            l.apply(readFile(b.file), "file " + b.file);
        }
        for (String s : b.sets) {
            l.assign(s);
        }
        return l.finish(b.checkPaths);
    }

    private static JsonNode readPreset(String name) {
        String resource = "presets/" + name + ".yaml";
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource missing: " + resource);
            }
            JsonNode n = YAML.readTree(in);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readFile(Path file) {
        String src = "file " + file;
        if (!Files.exists(file)) {
            throw new ConfigException(new ConfigProblem("", src, "config file " + file + " does not exist",
                    "check the path, or write one with: explorer config show > " + file.getFileName()));
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(new ConfigProblem("", src, "config file " + file + " is a folder",
                    "give the path of a .yaml or .json file"));
        }
        try {
            JsonNode n = YAML.readTree(Files.readAllBytes(file));
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(new ConfigProblem("", src, "config file " + file + " is not valid YAML/JSON" + where
                    + ": " + e.getOriginalMessage(), "fix the syntax; YAML and JSON are both accepted"));
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigProblem("", src, "config file " + file + " does not exist", "check the path"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem("", src, "config file " + file + " cannot be read: " + e,
                    "check its permissions"));
        }
    }

    /** The merge of layers into one tree, with the problems found on the way. */
    private static final class Layering {
        private final ConfigSchema schema = ConfigSchema.EXPLORER;
        private final ObjectNode tree = JsonNodeFactory.instance.objectNode();
        private final List<ConfigProblem> problems = new ArrayList<>();

        void apply(JsonNode layer, String source) {
            if (layer.isNull()) {
                return;
            }
            if (!layer.isObject()) {
                problems.add(new ConfigProblem("", source, "the top level must be a mapping of sections, found "
                        + layer.getNodeType().toString().toLowerCase(), "start the file with sections such as 'train:'"));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> section = it.next();
                String name = section.getKey();
                if (!schema.isSection(name)) {
                    if (schema.key(name).isEmpty() && name.contains(".")) {
                        // a dotted key written flat in a file: treat it as an assignment
                        setValue(name, section.getValue(), source);
                    } else {
                        problems.add(unknown(name, source));
                    }
                    continue;
                }
                JsonNode body = section.getValue();
                if (body.isNull()) {
                    continue;
                }
                if (!body.isObject()) {
                    problems.add(new ConfigProblem(name, source, "is a section and must hold key: value pairs, found "
                            + body.getNodeType().toString().toLowerCase(),
                            "write e.g. " + name + ":\\n  " + firstKeyOf(name) + ": ..."));
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> kv = body.fields(); kv.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = kv.next();
                    setValue(name + "." + e.getKey(), e.getValue(), source);
                }
            }
        }

        void assign(String assignment) {
            String source = "--set " + assignment;
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(eq == 0 ? "" : assignment.trim(), source, "is not of the form key=value",
                        "write e.g. --set train.lr=0.01"));
                return;
            }
            String path = assignment.substring(0, eq).trim();
            String raw = assignment.substring(eq + 1).trim();
            JsonNode value;
            if (raw.isEmpty()) {
                value = NullNode.instance;
            } else {
                try {
                    value = YAML.readTree(raw);
                    if (value == null || value.isMissingNode()) {
                        value = NullNode.instance;
                    } else if (value.isObject()) {
                        value = TextNode.valueOf(raw); // "a: b" is text here, not a mapping
                    }
                } catch (JsonProcessingException e) {
                    value = TextNode.valueOf(raw);
                }
            }
            setValue(path, value, source);
        }

        private void setValue(String path, JsonNode value, String source) {
            var key = schema.key(path);
            if (key.isEmpty()) {
                if (schema.isSection(path)) {
                    problems.add(new ConfigProblem(path, source, "is a section, not a setting",
                            "set one of its keys, e.g. " + path + "." + firstKeyOf(path)));
                } else {
                    problems.add(unknown(path, source));
                }
                return;
            }
            JsonNode normalized = Values.normalize(key.get(), value, source, problems);
            if (normalized != null) {
                String section = path.substring(0, path.indexOf('.'));
                ObjectNode s = tree.has(section) ? (ObjectNode) tree.get(section) : tree.putObject(section);
                s.set(path.substring(path.indexOf('.') + 1), normalized);
            }
        }

        private String firstKeyOf(String section) {
            return schema.keys().stream().filter(k -> k.section().equals(section)).findFirst()
                    .map(k -> k.path().substring(section.length() + 1)).orElse("key");
        }

        private ConfigProblem unknown(String path, String source) {
            return new ConfigProblem(path, source, "unknown setting",
                    schema.nearest(path).map(s -> "did you mean '" + s + "'? ").orElse("")
                            + "see all settings with: explorer config explain");
        }

        ExplorerConfig finish(boolean checkPaths) {
            if (!problems.isEmpty()) {
                // report missing files and folders in the same round as bad keys and values
                if (checkPaths) {
                    problems.addAll(Values.checkPaths(schema, tree));
                }
                throw new ConfigException(problems);
            }
            ExplorerConfig config;
            try {
                config = YAML.treeToValue(tree, ExplorerConfig.class);
            } catch (JsonProcessingException e) {
                // normalize() accepted something binding refuses: a defect here, not the user's input
                throw new IllegalStateException("config binding failed after validation: " + e.getOriginalMessage(), e);
            }
            List<ConfigProblem> late = new ArrayList<>();
            for (var c : ExplorerConfig.class.getRecordComponents()) {
                Object section = invoke(c, config);
                if (section instanceof Checked checked) {
                    late.addAll(checked.check(c.getName()));
                }
            }
            if (checkPaths) {
                late.addAll(Values.checkPaths(schema, tree));
            }
            if (!late.isEmpty()) {
                throw new ConfigException(late);
            }
            return config;
        }

        private static Object invoke(java.lang.reflect.RecordComponent c, Object target) {
            try {
                return c.getAccessor().invoke(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static ObjectMapper newMapper() {
        YAMLFactory f = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        ObjectMapper m = new ObjectMapper(f);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        SimpleModule paths = new SimpleModule("plain-paths");
        paths.addSerializer(Path.class, new JsonSerializer<>() {
            @Override
            public void serialize(Path value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        paths.addDeserializer(Path.class, new JsonDeserializer<>() {
            @Override
            public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Path.of(p.getValueAsString());
            }
        });
        m.registerModule(paths);
        return m;
    }

    /** Used by {@link Values} to build list nodes. */
    static ArrayNode newArray() {
        return JsonNodeFactory.instance.arrayNode();
    }
}
