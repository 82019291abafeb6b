package dev.explorer.pool.source;

import dev.explorer.config.common.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fluent emoji (npm {@code fluentui-emoji}), styles {@code modern} and {@code flat}: SVGs named by
 * slug ("man-surfing-medium-dark.svg"), joined to emojibase labels and tags through the slug.
 */
public final class FluentSource implements Source {

    private static final List<String> STYLES = List.of("modern", "flat");
    private static final List<String> TONES = List.of("-medium-light", "-medium-dark", "-medium", "-light", "-dark",
            "-default");

    private final Path packageDir;
    private final EmojiMeta meta;

    public FluentSource(Path packageDir, EmojiMeta meta) {
        this.packageDir = packageDir;
        this.meta = meta;
    }

    @Override
    public String name() {
        return "fluent";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isDirectory(packageDir.resolve("icons/modern"))) {
            return "npm package fluentui-emoji not found at " + packageDir + " (run scripts/install-data)";
        }
        return null;
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<SourceItem> out = new ArrayList<>();
        for (String style : STYLES) {
            Path dir = packageDir.resolve("icons").resolve(style);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<String> slugs = ImageFiles.list(dir, List.of(".svg")).stream().map(p -> p.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            Set<String> all = new HashSet<>(slugs);
            for (String slug : slugs) {
                String base = baseSlug(slug, all);
                EmojiMeta.Entry m = meta.bySlug(base);
                String title = m != null ? Words.withoutSkinTone(m.label()) : Words.unslug(base);
                List<String> tags = new ArrayList<>(m != null ? m.tags() : List.of());
                tags.remove(title);
                String group = m != null ? m.group() : "";
                String sub = m != null ? m.subgroup() : "";
                out.add(new SourceItem(name(), "MIT", style + "/" + slug + ".svg", title,
                        Words.fromFileName(base), Words.cleanTags(tags), group + "/" + sub,
                        EmojiMeta.topic(group, sub, title), false, new ImageRef.SvgFile(dir.resolve(slug + ".svg"))));
            }
        }
        return Sampling.evenly(out, limit);
    }

    /** Strips a skin-tone suffix when the file set shows it is one (a "-default" sibling exists). */
    static String baseSlug(String slug, Set<String> all) {
        for (String t : TONES) {
            if (slug.endsWith(t)) {
                String base = slug.substring(0, slug.length() - t.length());
                if (all.contains(base + "-default")) {
                    return base;
                }
            }
        }
        return slug;
    }
}
