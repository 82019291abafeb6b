package dev.explorer.encoder.eval;

import dev.explorer.config.cli.UsageException;
import dev.explorer.encoder.ImageSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of images with a {@code labels.csv} ({@code path,label}, header first, paths relative
 * to the folder), as {@code explorer pool targets} writes for {@code <target>/train} and
 * {@code <target>/test}. Labels are mapped to class indices through a shared {@code classes} map
 * so train and test agree.
 */
public record LabelledImages(List<ImageSource> images, int[] labels, List<String> paths) {

    public static LabelledImages read(Path folder, Map<String, Integer> classes) throws IOException {
        Path csv = folder.resolve("labels.csv");
        if (!Files.isRegularFile(csv)) {
            throw new UsageException("no labels.csv in " + folder
                    + "; expected <target>/train/labels.csv and <target>/test/labels.csv (path,label), as written by:"
                    + " explorer pool targets");
        }
        List<ImageSource> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || (lineNo == 1 && line.trim().equalsIgnoreCase("path,label"))) {
                    continue;
                }
                int comma = line.lastIndexOf(',');
                if (comma <= 0) {
                    throw new UsageException(csv + " line " + lineNo + ": expected path,label but got: " + line);
                }
                String path = line.substring(0, comma).trim();
                String label = line.substring(comma + 1).trim();
                Path file = folder.resolve(path);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException(csv + " line " + lineNo + ": no such image " + file);
                }
                images.add(ImageSource.of(file));
                labels.add(classes.computeIfAbsent(label, k -> classes.size()));
                paths.add(path);
            }
        }
        if (images.isEmpty()) {
            throw new UsageException(csv + " lists no images");
        }
        return new LabelledImages(images, labels.stream().mapToInt(Integer::intValue).toArray(), paths);
    }

    /** Reads {@code <dir>/train} and {@code <dir>/test} with one class map. */
    public static Split readSplit(Path dir) throws IOException {
        Map<String, Integer> classes = new LinkedHashMap<>();
        LabelledImages train = read(dir.resolve("train"), classes);
        LabelledImages test = read(dir.resolve("test"), classes);
        return new Split(train, test, List.copyOf(classes.keySet()));
    }

    public record Split(LabelledImages train, LabelledImages test, List<String> classNames) {}
}
