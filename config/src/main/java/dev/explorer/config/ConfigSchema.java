package dev.explorer.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of {@link ExplorerConfig}, read once from the records by reflection: dotted path,
 * value type and the {@link Setting} that documents and bounds it. Used for validation,
 * "did you mean" suggestions and {@code explorer config explain}.
 */
public final class ConfigSchema {

    /** The schema of {@link ExplorerConfig}. */
    public static final ConfigSchema EXPLORER = new ConfigSchema(ExplorerConfig.class);

    /** Kinds of values a setting can hold. */
    public enum Kind { INT, LONG, DOUBLE, BOOLEAN, TEXT, PATH, ENUM, LIST }

    /** One setting. {@code element} is the element kind of a list, else null. */
    public record Key(String path, Kind kind, Class<?> type, Kind element, Class<?> elementType, Setting setting) {

        public String section() {
            return path.substring(0, path.indexOf('.'));
        }

        /** Allowed enum values as written in YAML (e.g. "pool-json"), empty for other kinds. */
        public List<String> choices() {
            Class<?> t = kind == Kind.LIST ? elementType : type;
            return t != null && t.isEnum() ? enumNames(t) : List.of();
        }

        /** Human type description, e.g. "whole number in [1, 1000]". */
        public String describeType() {
            String base = switch (kind) {
                case LIST -> "list of " + plural(element, elementType);
                default -> singular(kind, type);
            };
            String range = describeRange(setting);
            return range.isEmpty() ? base : base + " " + range;
        }

        private static String singular(Kind k, Class<?> t) {
            return switch (k) {
                case INT, LONG -> "whole number";
                case DOUBLE -> "number";
                case BOOLEAN -> "true/false";
                case TEXT -> "text";
                case PATH -> "path";
                case ENUM -> "one of " + enumNames(t);
                case LIST -> "list";
            };
        }

        private static String plural(Kind k, Class<?> t) {
            return switch (k) {
                case INT, LONG -> "whole numbers";
                case DOUBLE -> "numbers";
                case ENUM -> "values from " + enumNames(t);
                default -> singular(k, t);
            };
        }
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();

    private ConfigSchema(Class<? extends Record> root) {
        for (RecordComponent section : root.getRecordComponents()) {
            sections.add(section.getName());
            for (RecordComponent c : section.getType().getRecordComponents()) {
                String path = section.getName() + "." + c.getName();
                Setting s = c.getAnnotation(Setting.class);
                if (s == null) {
                    throw new IllegalStateException(path + " has no @Setting description");
                }
                Kind kind = kindOf(c.getType());
                Kind element = null;
                Class<?> elementType = null;
                if (kind == Kind.LIST) {
                    Type arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                    elementType = (Class<?>) arg;
                    element = kindOf(elementType);
                }
                keys.put(path, new Key(path, kind, c.getType(), element, elementType, s));
            }
        }
    }

    static Kind kindOf(Class<?> t) {
        if (t == int.class || t == Integer.class) return Kind.INT;
        if (t == long.class || t == Long.class) return Kind.LONG;
        if (t == double.class || t == Double.class) return Kind.DOUBLE;
        if (t == boolean.class || t == Boolean.class) return Kind.BOOLEAN;
        if (t == String.class) return Kind.TEXT;
        if (t == Path.class) return Kind.PATH;
        if (t.isEnum()) return Kind.ENUM;
        if (List.class.isAssignableFrom(t)) return Kind.LIST;
        throw new IllegalStateException("unsupported setting type " + t);
    }

    /** YAML names of an enum's constants (their {@link JsonProperty} values). */
    public static List<String> enumNames(Class<?> enumType) {
        List<String> out = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            out.add(enumName((Enum<?>) constant));
        }
        return out;
    }

    /** YAML name of one enum constant. */
    public static String enumName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null ? p.value() : constant.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describeRange(Setting s) {
        boolean lo = s.min() != Double.NEGATIVE_INFINITY;
        boolean hi = s.max() != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return (s.minExclusive() ? "in (" : "in [") + num(s.min()) + ", " + num(s.max()) + "]";
        }
        if (lo) {
            return (s.minExclusive() ? "> " : ">= ") + num(s.min());
        }
        if (hi) {
            return "<= " + num(s.max());
        }
        return "";
    }

    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    public List<Key> keys() {
        return List.copyOf(keys.values());
    }

    public Optional<Key> key(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    public List<String> sections() {
        return Collections.unmodifiableList(sections);
    }

    public boolean isSection(String name) {
        return sections.contains(name);
    }

    /**
     * The valid path closest to {@code wrong}: an exact leaf name in another section wins
     * ({@code train.k} -> {@code reward.k}), then the smallest edit distance, ignoring case and
     * separators so {@code train.batch_size} finds {@code train.batchSize}.
     */
    public Optional<String> nearest(String wrong) {
        List<String> candidates = new ArrayList<>(keys.keySet());
        candidates.addAll(sections);
        String leaf = wrong.substring(wrong.lastIndexOf('.') + 1);
        String normLeaf = normalize(leaf);
        String prefix = wrong.contains(".") ? wrong.substring(0, wrong.indexOf('.')) : "";
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            String cLeaf = c.substring(c.lastIndexOf('.') + 1);
            int d;
            if (normalize(cLeaf).equals(normLeaf) && c.contains(".") == wrong.contains(".")) {
                d = c.startsWith(prefix + ".") ? 0 : 1;
            } else {
                d = 2 + distance(normalize(wrong), normalize(c));
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        // Beyond about a third of the length the suggestion is noise, not help.
        int limit = 2 + Math.max(2, wrong.length() / 3);
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Nearest allowed word among {@code choices}, for enum values. */
    static Optional<String> nearestWord(String wrong, List<String> choices) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : choices) {
            int d = distance(normalize(wrong), normalize(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, wrong.length() / 3) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
