package dev.explorer.agent.loop;


import dev.explorer.config.common.ImageFiles;
import dev.explorer.encoder.Images;
import dev.explorer.encoder.eval.LabelledImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The target task as the agent sees it: unlabeled images (every image file under the folder,
 * sorted by path so runs are reproducible), plus an optional labelled train/test split used only
 * to evaluate (k-NN accuracy), never to choose queries.
 *
 * <p>The split is found in the layout {@code explorer pool targets} writes ({@code <name>/train/}
 * and {@code <name>/test/}, each with a {@code labels.csv}): when the target folder is such a
 * {@code train/} folder, its sibling {@code test/} is the evaluation split. {@code target.labels}
 * names the test split's labels.csv explicitly.
 */
public record TargetSet(Path dir, List<Path> images, LabelledImages.Split evaluation) {

    public static TargetSet load(Path dir, Path testLabels) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new TargetException("target folder " + dir + " does not exist; point target.dir at a folder of images");
        }
        List<Path> listed = ImageFiles.list(dir);
        List<Path> images = new java.util.ArrayList<>(listed.size());
        List<String> refused = new java.util.ArrayList<>();
        for (Path p : listed) {
            try {
                Images.decode(dev.explorer.encoder.ImageSource.of(p), 8);
                images.add(p);
            } catch (IOException | RuntimeException e) {
                refused.add(p + " (" + e.getMessage() + ")");
            }
        }
        if (!refused.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(TargetSet.class).warn("target: {} of {} images do not decode and are left out: {}",
                    refused.size(), listed.size(), String.join("; ", refused.subList(0, Math.min(20, refused.size())))
                            + (refused.size() > 20 ? "; ..." : ""));
        }
        if (images.size() < 2 && !refused.isEmpty()) {
            throw new TargetException("target folder " + dir + " holds " + images.size() + " image(s) that decode; "
                    + refused.size() + " do not: " + String.join("; ", refused.subList(0, Math.min(5, refused.size())))
                    + (refused.size() > 5 ? "; ..." : "") + ". Replace them with real images (a Git-LFS pointer saved "
                    + "as .png is not one: run git lfs pull)");
        }
        if (images.size() < 2) {
            throw new TargetException("target folder " + dir + " holds " + images.size() + " image(s); the reward needs "
                    + "at least 2 (files ending in " + ImageFiles.RASTER + ")");
        }
        LabelledImages.Split split = null;
        Path testDir = testLabels != null ? testLabels.toAbsolutePath().getParent()
                : dir.toAbsolutePath().resolveSibling("test");
        if (Files.isRegularFile(dir.resolve("labels.csv")) && Files.isRegularFile(testDir.resolve("labels.csv"))) {
            java.util.Map<String, Integer> classes = new java.util.LinkedHashMap<>();
            LabelledImages train = LabelledImages.read(dir, classes);
            LabelledImages test = LabelledImages.read(testDir, classes);
            split = new LabelledImages.Split(train, test, List.copyOf(classes.keySet()));
        } else if (testLabels != null) {
            throw new TargetException("target.labels is set but " + dir.resolve("labels.csv")
                    + " is missing: k-NN evaluation needs labels for the target's own images too");
        }
        return new TargetSet(dir, images, split);
    }
}
