package dev.explorer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks one raw value against its {@link ConfigSchema.Key} and converts it to the canonical node. */
final class Values {
    private Values() {}

    /** @return the canonical node, or null after adding a problem */
    static JsonNode normalize(ConfigSchema.Key key, JsonNode raw, String source, List<ConfigProblem> problems) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            if (key.setting().optional()) {
                return NullNode.instance;
            }
            problems.add(new ConfigProblem(key.path(), source, "must be set (it cannot be empty)",
                    "give a " + key.describeType()));
            return null;
        }
        if (key.kind() == ConfigSchema.Kind.LIST) {
            List<JsonNode> items = new ArrayList<>();
            if (raw.isArray()) {
                raw.forEach(items::add);
            } else if (raw.isTextual()) {
                // --set a.b=x,y,z is the handy spelling of a list
                for (String part : raw.asText().split(",")) {
                    if (!part.isBlank()) {
                        items.add(TextNode.valueOf(part.trim()));
                    }
                }
            } else {
                items.add(raw);
            }
            ArrayNode out = ConfigLoader.newArray();
            for (int i = 0; i < items.size(); i++) {
                JsonNode n = scalar(key, key.element(), key.elementType(), items.get(i), "[" + i + "] ", source, problems);
                if (n == null) {
                    return null;
                }
                out.add(n);
            }
            return out;
        }
        return scalar(key, key.kind(), key.type(), raw, "", source, problems);
    }

    private static JsonNode scalar(ConfigSchema.Key key, ConfigSchema.Kind kind, Class<?> type, JsonNode raw,
                                   String where, String source, List<ConfigProblem> problems) {
        String shown = raw.isTextual() ? "'" + raw.asText() + "'" : raw.toString();
        if (raw.isContainerNode()) {
            problems.add(new ConfigProblem(key.path(), source, where + "expected a " + key.describeType()
                    + ", got a " + (raw.isArray() ? "list" : "mapping") + " " + shown, "give a single value"));
            return null;
        }
        String text = raw.asText().trim();
        JsonNode out;
        switch (kind) {
            case INT, LONG -> {
                Long v = parseLong(raw, text);
                if (v == null || (kind == ConfigSchema.Kind.INT && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE))) {
                    problems.add(new ConfigProblem(key.path(), source, where + "expected a whole number, got " + shown,
                            "give a " + key.describeType()));
                    return null;
                }
                if (!inRange(key, v, where, source, problems)) return null;
                out = kind == ConfigSchema.Kind.INT ? IntNode.valueOf(v.intValue()) : LongNode.valueOf(v);
            }
            case DOUBLE -> {
                Double v = parseDouble(raw, text);
                if (v == null || v.isNaN() || v.isInfinite()) {
                    problems.add(new ConfigProblem(key.path(), source, where + "expected a number, got " + shown,
                            "give a " + key.describeType()));
                    return null;
                }
                if (!inRange(key, v, where, source, problems)) return null;
                out = DoubleNode.valueOf(v);
            }
            case BOOLEAN -> {
                String t = text.toLowerCase(Locale.ROOT);
                if (raw.isBoolean() || t.equals("true") || t.equals("false")) {
                    out = BooleanNode.valueOf(raw.isBoolean() ? raw.booleanValue() : t.equals("true"));
                } else {
                    problems.add(new ConfigProblem(key.path(), source, where + "expected true or false, got " + shown,
                            "write true or false"));
                    return null;
                }
            }
            case TEXT, PATH -> {
                if (text.isEmpty() && !key.setting().optional()) {
                    problems.add(new ConfigProblem(key.path(), source, "must not be empty", "give a " + key.describeType()));
                    return null;
                }
                out = text.isEmpty() ? NullNode.instance : TextNode.valueOf(text);
            }
            case ENUM -> {
                List<String> choices = ConfigSchema.enumNames(type);
                String t = text.toLowerCase(Locale.ROOT).replace('_', '-');
                if (!choices.contains(t)) {
                    String hint = ConfigSchema.nearestWord(text, choices).map(s -> "did you mean '" + s + "'? ").orElse("");
                    problems.add(new ConfigProblem(key.path(), source, where + shown + " is not a valid choice",
                            hint + "choose one of " + choices));
                    return null;
                }
                out = TextNode.valueOf(t);
            }
            default -> throw new IllegalStateException("nested list in " + key.path());
        }
        return out;
    }

    private static Long parseLong(JsonNode raw, String text) {
        if (raw.isIntegralNumber()) {
            return raw.canConvertToLong() ? raw.longValue() : null;
        }
        if (raw.isNumber()) {
            double d = raw.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9e18 ? (long) d : null;
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(JsonNode raw, String text) {
        if (raw.isNumber()) {
            return raw.doubleValue();
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean inRange(ConfigSchema.Key key, double v, String where, String source, List<ConfigProblem> problems) {
        Setting s = key.setting();
        boolean low = s.minExclusive() ? v <= s.min() : v < s.min();
        if (low || v > s.max()) {
            problems.add(new ConfigProblem(key.path(), source,
                    where + ConfigSchema.num(v) + " is out of range; allowed " + ConfigSchema.describeRange(s),
                    "set " + key.path() + " to a value " + ConfigSchema.describeRange(s)));
            return false;
        }
        return true;
    }

    /** Paths that must exist on disk, checked after merging so only the final value counts. */
    static List<ConfigProblem> checkPaths(ConfigSchema schema, ObjectNode tree) {
        List<ConfigProblem> out = new ArrayList<>();
        for (ConfigSchema.Key key : schema.keys()) {
            if (key.kind() != ConfigSchema.Kind.PATH || key.setting().mustExist() == Setting.PathKind.NONE) {
                continue;
            }
            JsonNode section = tree.get(key.section());
            JsonNode v = section == null ? null : section.get(key.path().substring(key.section().length() + 1));
            if (v == null || v.isNull()) {
                continue;
            }
            Path p = Path.of(v.asText());
            boolean dir = key.setting().mustExist() == Setting.PathKind.DIR;
            String what = dir ? "folder" : "file";
            if (!Files.exists(p)) {
                out.add(new ConfigProblem(key.path(), null, what + " " + p + " does not exist",
                        "create it, or point " + key.path() + " at an existing " + what
                                + (key.setting().optional() ? " (or leave it empty)" : "")));
            } else if (dir && !Files.isDirectory(p)) {
                out.add(new ConfigProblem(key.path(), null, p + " is a file, not a folder", "give the folder that holds it"));
            } else if (!dir && Files.isDirectory(p)) {
                out.add(new ConfigProblem(key.path(), null, p + " is a folder, not a file", "give the file's path"));
            } else if (!Files.isReadable(p)) {
                out.add(new ConfigProblem(key.path(), null, what + " " + p + " is not readable",
                        "fix its permissions (chmod) or run as a user who can read it"));
            }
        }
        return out;
    }
}
