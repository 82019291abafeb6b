package dev.explorer.pool.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.pool.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Emoji names and CLDR tags from the npm package {@code emojibase-data}, and the topic mapping shared by emoji sources. */
public final class EmojiMeta {

    /** One emoji's English metadata. */
    public record Entry(String label, List<String> tags, String group, String subgroup) {
    }

    private final Map<String, Entry> byHex = new HashMap<>();
    private final Map<String, Entry> bySlug = new HashMap<>();

    private EmojiMeta() {
    }

    /** An empty table: names fall back to each package's own. */
    public static EmojiMeta empty() {
        return new EmojiMeta();
    }

    /** Reads {@code <emojibase-data>/en/data.json} and {@code messages.json}; empty when absent. */
    public static EmojiMeta load(Path emojibaseDir) throws IOException {
        EmojiMeta meta = new EmojiMeta();
        Path data = emojibaseDir.resolve("en/data.json");
        Path messages = emojibaseDir.resolve("en/messages.json");
        if (!Files.isRegularFile(data) || !Files.isRegularFile(messages)) {
            return meta;
        }
        ObjectMapper om = new ObjectMapper();
        JsonNode msg = om.readTree(messages.toFile());
        Map<Integer, String> groups = new HashMap<>();
        Map<Integer, String> subgroups = new HashMap<>();
        msg.path("groups").forEach(g -> groups.put(g.path("order").asInt(), g.path("key").asText()));
        msg.path("subgroups").forEach(g -> subgroups.put(g.path("order").asInt(), g.path("key").asText()));
        for (JsonNode e : om.readTree(data.toFile())) {
            List<String> tags = new ArrayList<>();
            e.path("tags").forEach(t -> tags.add(t.asText()));
            String group = groups.getOrDefault(e.path("group").asInt(-1), "");
            String sub = subgroups.getOrDefault(e.path("subgroup").asInt(-1), "");
            meta.put(e.path("hexcode").asText(), new Entry(e.path("label").asText(), tags, group, sub));
            for (JsonNode s : e.path("skins")) {
                meta.put(s.path("hexcode").asText(), new Entry(s.path("label").asText(), tags, group, sub));
            }
        }
        return meta;
    }

    private void put(String hex, Entry entry) {
        byHex.putIfAbsent(normHex(hex), entry);
        bySlug.putIfAbsent(slug(entry.label()), entry);
    }

    public Entry byHex(String hex) {
        return byHex.get(normHex(hex));
    }

    public Entry bySlug(String slug) {
        return bySlug.get(slug);
    }

    /** Upper case, without variation selectors, so "1f3f3-fe0f-200d-1f308" finds "1F3F3-200D-1F308". */
    public static String normHex(String hex) {
        return hex.toUpperCase(Locale.ROOT).replace("-FE0F", "").replace("FE0F-", "");
    }

    /** "A button (blood type)" -> "a-button-blood-type"; "one o’clock" -> "one-oclock". */
    public static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("['’“”]", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
    }

    /** "Animals & Nature" -> "animals-nature". */
    public static String groupSlug(String category) {
        return slug(category.replace("&", " "));
    }

    /** The coarse topic of an emoji from its group, subgroup and name. */
    public static Topic topic(String group, String subgroup, String name) {
        String g = groupSlug(group);
        String s = subgroup == null ? "" : subgroup.toLowerCase(Locale.ROOT);
        return switch (g) {
            case "smileys-emotion" -> s.equals("cat-face") || s.equals("monkey-face") ? Topic.ANIMAL
                    : s.equals("emotion") || s.equals("heart") ? Topic.SIGN_SYMBOL : Topic.FACE;
            case "people-body" -> Topic.PERSON;
            case "component" -> Topic.SIGN_SYMBOL;
            case "animals-nature" -> s.startsWith("plant") ? Topic.PLANT : Topic.ANIMAL;
            case "food-drink" -> s.equals("dishware") ? Topic.OBJECT : Topic.FOOD;
            case "travel-places" -> s.startsWith("transport-ground") || s.equals("transport-water")
                    || s.equals("transport-air") ? Topic.VEHICLE
                    : s.equals("place-building") || s.equals("place-religious") ? Topic.BUILDING : Topic.OBJECT;
            case "objects" -> s.equals("clothing") ? (Topic.isFootwearWord(name) ? Topic.FOOTWEAR : Topic.CLOTHING)
                    : Topic.OBJECT;
            case "symbols" -> s.equals("geometric") ? Topic.SHAPE : Topic.SIGN_SYMBOL;
            case "flags" -> Topic.FLAG;
            default -> s.contains("animal") ? Topic.ANIMAL : s.contains("plant") ? Topic.PLANT
                    : s.contains("food") ? Topic.FOOD : s.contains("flag") ? Topic.FLAG : Topic.OBJECT;
        };
    }
}
