package dev.explorer.pool.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.config.common.ImageFiles;
import dev.explorer.pool.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A user's folder of images with captions in sidecar files, as img2dataset's "files" output
 * writes them: {@code 00000/000000001.jpg} beside {@code 000000001.txt} (the caption) and/or
 * {@code 000000001.json} (fields {@code caption}, optional {@code tags}, optional {@code label}
 * or {@code category}, which are ground truth for evaluation only and never indexed).
 */
public final class FolderSource implements Source {

    /** Raster images and SVG (rasterised with Batik). */
    static final List<String> IMAGE_EXTENSIONS = Stream.concat(ImageFiles.RASTER.stream(), Stream.of(".svg")).toList();

    private final String name;
    private final Path root;
    private final String licence;

    public FolderSource(String name, Path root, String licence) {
        this.name = name;
        this.root = root;
        this.licence = licence == null ? "unknown" : licence;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        return Files.isDirectory(root) ? null : "image folder " + root + " does not exist";
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<SourceItem> out = new ArrayList<>();
        for (Path img : Sampling.evenly(ImageFiles.list(root, IMAGE_EXTENSIONS), limit)) {
            String fileName = img.getFileName().toString();
            String stem = fileName.substring(0, fileName.lastIndexOf('.'));
            Path txt = img.resolveSibling(stem + ".txt");
            Path json = img.resolveSibling(stem + ".json");
            String caption = Files.isRegularFile(txt) ? Files.readString(txt, StandardCharsets.UTF_8).strip() : "";
            List<String> tags = new ArrayList<>();
            String label = "";
            if (Files.isRegularFile(json)) {
                JsonNode j;
                try {
                    j = om.readTree(json.toFile());
                } catch (IOException e) {
                    throw new IOException("sidecar " + json + " is not valid JSON: " + e.getMessage(), e);
                }
                if (caption.isEmpty()) {
                    caption = j.path("caption").asText("").strip();
                }
                tags.addAll(tagList(j.path("tags")));
                label = j.path("label").asText(j.path("category").asText(""));
            }
            out.add(new SourceItem(name, licence, Files2.rel(root, img), caption.replaceAll("\\s+", " "),
                    Words.fromFileName(fileName), Words.cleanTags(tags), label, Topic.UNKNOWN, false, ref(img)));
        }
        return out;
    }

    static List<String> tagList(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags.isArray()) {
            tags.forEach(t -> out.add(t.asText()));
        } else if (tags.isTextual()) {
            out.addAll(Words.splitList(tags.asText()));
        }
        return out;
    }

    static ImageRef ref(Path img) {
        return img.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg") ? new ImageRef.SvgFile(img)
                : new ImageRef.RasterFile(img);
    }
}
