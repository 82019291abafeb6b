package dev.explorer.pool.source;

import dev.explorer.config.common.ImageFiles;
import dev.explorer.pool.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Oxygen icons (Debian {@code oxygen-icon-theme}): for each context/name the PNG of the largest
 * size, captioned by the icon name and its context ("places/folder-picture").
 */
public final class OxygenSource implements Source {

    public static final Path DEFAULT_ROOT = Path.of("/usr/share/icons/oxygen/base");

    private final Path root;

    public OxygenSource(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "oxygen";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isDirectory(root)) {
            return "Oxygen icons not found at " + root
                    + " (install the Debian package oxygen-icon-theme: scripts/install-data)";
        }
        return null;
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        // context/name -> (size, file), keeping the largest size
        Map<String, Path> best = new TreeMap<>();
        Map<String, Integer> bestSize = new TreeMap<>();
        for (Path p : ImageFiles.list(root, List.of(".png"))) {
            String[] parts = Files2.rel(root, p).split("/");
            if (parts.length != 3 || !parts[0].matches("\\d+x\\d+")) {
                continue;
            }
            int size = Integer.parseInt(parts[0].substring(0, parts[0].indexOf('x')));
            String key = parts[1] + "/" + parts[2];
            if (size > bestSize.getOrDefault(key, -1)) {
                bestSize.put(key, size);
                best.put(key, p);
            }
        }
        List<SourceItem> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : best.entrySet()) {
            String context = e.getKey().substring(0, e.getKey().indexOf('/'));
            String iconName = e.getValue().getFileName().toString().replaceFirst("\\.png$", "");
            List<String> words = Words.fromFileName(iconName);
            out.add(new SourceItem(name(), "LGPL-3.0", bestSize.get(e.getKey()) + "/" + e.getKey(),
                    String.join(" ", words), words, Words.cleanTags(List.of(context)), context, Topic.UI_ICON, false,
                    new ImageRef.RasterFile(e.getValue())));
        }
        return Sampling.evenly(out, limit);
    }
}
