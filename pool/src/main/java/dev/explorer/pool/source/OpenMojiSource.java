package dev.explorer.pool.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** OpenMoji (npm {@code openmoji}): colour SVGs named by {@code data/openmoji.json} annotation and tags. */
public final class OpenMojiSource implements Source {

    private final Path packageDir;

    public OpenMojiSource(Path packageDir) {
        this.packageDir = packageDir;
    }

    @Override
    public String name() {
        return "openmoji";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isRegularFile(packageDir.resolve("data/openmoji.json"))
                || !Files.isDirectory(packageDir.resolve("color/svg"))) {
            return "npm package openmoji not found at " + packageDir + " (run scripts/install-data)";
        }
        return null;
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<SourceItem> out = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(packageDir.resolve("data/openmoji.json").toFile())) {
            String hex = e.path("hexcode").asText();
            Path file = packageDir.resolve("color/svg").resolve(hex + ".svg");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String title = Words.withoutSkinTone(e.path("annotation").asText());
            List<String> tags = new ArrayList<>(Words.splitList(e.path("tags").asText()));
            tags.addAll(Words.splitList(e.path("openmoji_tags").asText()));
            tags.remove(title);
            String group = e.path("group").asText();
            String sub = e.path("subgroups").asText();
            out.add(new SourceItem(name(), "CC-BY-SA-4.0", "color/svg/" + hex + ".svg", title, List.of(),
                    Words.cleanTags(tags), group + "/" + sub, EmojiMeta.topic(group, sub, title), false,
                    new ImageRef.SvgFile(file)));
        }
        return Sampling.evenly(out, limit);
    }
}
