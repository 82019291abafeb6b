package dev.explorer.pool.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Emoji from the npm packages {@code emoji-datasource-<vendor>}: the 64 px PNGs under
 * {@code img/<vendor>/64/} (never the sprite sheets), named from {@code emoji.json} and
 * {@code emojibase-data}.
 */
public final class EmojiDatasourceSource implements Source {

    private final String vendor;
    private final Path packageDir;
    private final EmojiMeta meta;
    private final boolean skinTones;
    private final Predicate<String> categoryFilter;

    /**
     * @param vendor     google, apple, facebook or twitter
     * @param packageDir the installed {@code node_modules/emoji-datasource-<vendor>}
     * @param meta       emojibase names and tags (may be empty)
     * @param skinTones  include the skin-tone variants
     * @param category   keep only emoji whose category passes (e.g. "Animals & Nature")
     */
    public EmojiDatasourceSource(String vendor, Path packageDir, EmojiMeta meta, boolean skinTones,
            Predicate<String> category) {
        this.vendor = vendor;
        this.packageDir = packageDir;
        this.meta = meta;
        this.skinTones = skinTones;
        this.categoryFilter = category;
    }

    public EmojiDatasourceSource(String vendor, Path packageDir, EmojiMeta meta) {
        this(vendor, packageDir, meta, true, c -> true);
    }

    @Override
    public String name() {
        return "emoji-" + vendor;
    }

    public String licence() {
        return switch (vendor) {
            case "apple" -> "Apple emoji: not for commercial use";
            case "facebook" -> "Facebook emoji: not for commercial use";
            case "twitter" -> "CC-BY-4.0 (Twemoji)";
            default -> "Apache-2.0 (Noto Emoji)";
        };
    }

    private Path imgDir() {
        return packageDir.resolve("img").resolve(vendor).resolve("64");
    }

    @Override
    public String unavailableReason() {
        if (!Files.isRegularFile(packageDir.resolve("emoji.json")) || !Files.isDirectory(imgDir())) {
            return "npm package emoji-datasource-" + vendor + " not found at " + packageDir
                    + " (run scripts/install-data)";
        }
        return null;
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<SourceItem> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(packageDir.resolve("emoji.json").toFile())) {
            String category = e.path("category").asText();
            if (!categoryFilter.test(category)) {
                continue;
            }
            add(out, e, e, category);
            if (skinTones && e.has("skin_variations")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = e.path("skin_variations").fields(); it.hasNext(); ) {
                    add(out, e, it.next().getValue(), category);
                }
            }
        }
        return Sampling.evenly(out, limit);
    }

    private void add(List<SourceItem> out, JsonNode base, JsonNode variant, String category) {
        if (!variant.path("has_img_" + vendor).asBoolean(false)) {
            return;
        }
        Path file = imgDir().resolve(variant.path("image").asText());
        if (!Files.isRegularFile(file)) {
            return;
        }
        String unified = variant.path("unified").asText();
        EmojiMeta.Entry m = meta.byHex(unified);
        if (m == null) {
            m = meta.byHex(base.path("unified").asText());
        }
        String name = base.path("name").asText("").toLowerCase(Locale.ROOT);
        String title = m != null ? Words.withoutSkinTone(m.label()) : name;
        List<String> tags = new ArrayList<>();
        if (m != null) {
            tags.addAll(m.tags());
        }
        base.path("short_names").forEach(s -> tags.add(Words.unslug(s.asText())));
        if (m != null && !name.isEmpty()) {
            tags.add(name);
        }
        tags.remove(title);
        String sub = base.path("subcategory").asText();
        out.add(new SourceItem(name(), licence(), vendor + "/64/" + file.getFileName(), title, List.of(),
                Words.cleanTags(tags), category + "/" + sub, EmojiMeta.topic(category, sub, title), false,
                new ImageRef.RasterFile(file)));
    }
}
