package dev.explorer.pool.source;

import dev.explorer.config.common.ImageFiles;
import dev.explorer.pool.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tux Paint stamps (Debian {@code tuxpaint-stamps-default}) without {@code animals/} (animals
 * stay out so the pool is not trivially close to an animal target): PNG and SVG stamps, captioned
 * by the English sentence in the {@code .txt} beside each one.
 */
public final class TuxPaintSource implements Source {

    public static final Path DEFAULT_ROOT = Path.of("/usr/share/tuxpaint/stamps");

    private final Path root;

    public TuxPaintSource(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "tuxpaint";
    }

    @Override
    public String unavailableReason() {
        if (!Files.isDirectory(root)) {
            return "Tux Paint stamps not found at " + root
                    + " (install the Debian package tuxpaint-stamps-default: scripts/install-data)";
        }
        return null;
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<Path> files = ImageFiles.list(root, List.of(".png", ".svg")).stream()
                .filter(p -> !Files2.rel(root, p).startsWith("animals/")).toList();
        return Sampling.evenly(files, limit).stream().map(this::item).toList();
    }

    private SourceItem item(Path file) {
        String rel = Files2.rel(root, file);
        String fileName = file.getFileName().toString();
        String stem = fileName.substring(0, fileName.lastIndexOf('.'));
        String base = stem.endsWith("_mirror") ? stem.substring(0, stem.length() - "_mirror".length()) : stem;
        String sentence = englishLine(file.resolveSibling(base + ".txt"));
        List<String> nameWords = Words.fromFileName(base);
        String title = sentence.isEmpty() ? String.join(" ", nameWords) : sentence;
        String[] dirs = rel.split("/");
        String category = dirs.length > 1 ? dirs[0] : "";
        String sub = dirs.length > 2 ? dirs[1] : "";
        boolean svg = fileName.toLowerCase().endsWith(".svg");
        return new SourceItem(name(), "GPL-2.0+ / CC (Tux Paint stamps)", rel, title, nameWords, List.of(),
                sub.isEmpty() ? category : category + "/" + sub, topic(category, title + " " + base), false,
                svg ? new ImageRef.SvgFile(file) : new ImageRef.RasterFile(file));
    }

    /** The first line of a stamp description is English; later lines are "lang.utf8=..." translations. */
    static String englishLine(Path txt) {
        try {
            for (String line : Files.readAllLines(txt, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.matches("^[A-Za-z_@]+\\.utf8=.*")) {
                    return line.strip();
                }
            }
        } catch (IOException e) {
            // no description: the file name captions the stamp
        }
        return "";
    }

    static Topic topic(String category, String text) {
        Topic t = switch (category) {
            case "clothes" -> Topic.CLOTHING;
            case "food" -> Topic.FOOD;
            case "people" -> Topic.PERSON;
            case "plants" -> Topic.PLANT;
            case "vehicles" -> Topic.VEHICLE;
            case "town" -> Topic.BUILDING;
            case "symbols" -> Topic.SIGN_SYMBOL;
            case "animals" -> Topic.ANIMAL;
            default -> Topic.OBJECT;
        };
        return (t == Topic.CLOTHING || t == Topic.OBJECT) && Topic.isFootwearWord(text) ? Topic.FOOTWEAR : t;
    }
}
