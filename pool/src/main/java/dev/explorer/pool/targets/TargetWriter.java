package dev.explorer.pool.targets;

import dev.explorer.pool.image.Thumbnailer;
import dev.explorer.pool.source.EmojiDatasourceSource;
import dev.explorer.pool.source.EmojiMeta;
import dev.explorer.pool.source.FashionMnistSource;
import dev.explorer.pool.source.SourceItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Writes the embedded targets as {@code <out>/<name>/train/} and {@code <out>/<name>/test/},
 * each a folder of PNGs with a {@code labels.csv} (path,label; paths relative to the folder).
 * The split is stratified per class and depends only on the seed.
 * <ul>
 *   <li>T1: Twitter-style emoji (not in the pool), category "Animals &amp; Nature", no skin
 *       tones; 7 classes from the subcategory (mammal, bird, marine, plant-other, bug, flower,
 *       reptile).</li>
 *   <li>T3: Fashion-MNIST test split, footwear (sandal, sneaker, ankle boot); a seeded sample
 *       (300 by default; 0 = all 3,000).</li>
 * </ul>
 */
public final class TargetWriter {

    public static final String T1 = "t1-emoji-animals";
    public static final String T3 = "t3-fashion-footwear";

    /** One labelled target image before the split. */
    public record Labelled(String fileName, String label, SourceItem item) {
    }

    /** Counts written for one target. */
    public record Written(String name, int train, int test, Map<String, Integer> perClass) {
    }

    private final long seed;
    private final double testFraction;
    private final Thumbnailer thumbs = new Thumbnailer(128, 4096L * 4096L);

    public TargetWriter(long seed, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " must be between 0 and 1");
        }
        this.seed = seed;
        this.testFraction = testFraction;
    }

    /** T1 from {@code node_modules/emoji-datasource-twitter}. */
    public static List<Labelled> t1(Path twitterPackage, EmojiMeta meta) throws IOException {
        EmojiDatasourceSource src = new EmojiDatasourceSource("twitter", twitterPackage, meta, false,
                "Animals & Nature"::equals);
        String why = src.unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        List<Labelled> out = new ArrayList<>();
        for (SourceItem it : src.items(0)) {
            String sub = it.taxonomy().substring(it.taxonomy().indexOf('/') + 1);
            String label = t1Label(sub);
            String file = it.key().substring(it.key().lastIndexOf('/') + 1);
            out.add(new Labelled(file, label, it));
        }
        return out;
    }

    /**
     * T1 class of an emoji subcategory: "animal-mammal" -> mammal, "plant-flower" -> flower,
     * "plant-other" stays. Emoji 16 put the frog alone in "animal-amphibian"; a one-image class
     * cannot be split, so it joins reptile as in earlier emoji versions (7 classes).
     */
    static String t1Label(String subcategory) {
        String s = subcategory.startsWith("animal-") ? subcategory.substring("animal-".length()) : subcategory;
        return switch (s) {
            case "amphibian" -> "reptile";
            case "plant-flower" -> "flower";
            default -> s;
        };
    }

    /** T3 from the Fashion-MNIST test split: footwear only, a seeded sample of {@code sample} (0 = all). */
    public static List<Labelled> t3(Path fashionRoot, int sample, long seed) throws IOException {
        FashionMnistSource src = new FashionMnistSource(fashionRoot, FashionMnistSource.Split.TEST, Integer.MAX_VALUE,
                seed);
        String why = src.unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        List<FashionMnistSource.Sample> foot = new ArrayList<>();
        for (FashionMnistSource.Sample s : src.read()) {
            if (s.label() == 5 || s.label() == 7 || s.label() == 9) {
                foot.add(s);
            }
        }
        if (sample > 0 && sample < foot.size()) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x7A3L);
            for (int i = foot.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                FashionMnistSource.Sample t = foot.get(i);
                foot.set(i, foot.get(j));
                foot.set(j, t);
            }
            foot = new ArrayList<>(foot.subList(0, sample));
            foot.sort(Comparator.comparingInt(FashionMnistSource.Sample::index));
        }
        List<Labelled> out = new ArrayList<>();
        for (FashionMnistSource.Sample s : foot) {
            String label = FashionMnistSource.CLASSES.get(s.label()).toLowerCase().replace(' ', '-');
            out.add(new Labelled(String.format("test-%05d.png", s.index()), label,
                    new SourceItem("fashion-mnist", "MIT (Fashion-MNIST)", "test/" + s.index(), "", List.of(),
                            List.of(), label, null, false, s.image())));
        }
        return out;
    }

    /** Writes one target: clears and refills {@code <out>/<name>/train} and {@code /test}. */
    public Written write(Path out, String name, List<Labelled> images) throws IOException {
        Path root = out.resolve(name);
        Path train = root.resolve("train");
        Path test = root.resolve("test");
        for (Path p : List.of(train, test)) {
            clear(p);
            Files.createDirectories(p);
        }
        Map<String, List<Labelled>> byClass = new TreeMap<>();
        for (Labelled l : images) {
            byClass.computeIfAbsent(l.label(), k -> new ArrayList<>()).add(l);
        }
        List<Labelled> trainRows = new ArrayList<>();
        List<Labelled> testRows = new ArrayList<>();
        Map<String, Integer> perClass = new TreeMap<>();
        for (Map.Entry<String, List<Labelled>> e : byClass.entrySet()) {
            List<Labelled> members = new ArrayList<>(e.getValue());
            members.sort(Comparator.comparing(Labelled::fileName));
            SplittableRandom r = new SplittableRandom(seed * 31 + e.getKey().hashCode());
            for (int i = members.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Labelled t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int nTest = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(members.size() * testFraction));
            testRows.addAll(members.subList(0, nTest));
            trainRows.addAll(members.subList(nTest, members.size()));
            perClass.put(e.getKey(), members.size());
        }
        writeFolder(train, trainRows);
        writeFolder(test, testRows);
        return new Written(name, trainRows.size(), testRows.size(), perClass);
    }

    private void writeFolder(Path dir, List<Labelled> rows) throws IOException {
        rows.sort(Comparator.comparing(Labelled::fileName));
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            w.write("path,label\n");
            for (Labelled l : rows) {
                try {
                    ImageIO.write(thumbs.image(l.item().image(), l.item().image().bytes()), "png",
                            dir.resolve(l.fileName()).toFile());
                } catch (Thumbnailer.SkipException e) {
                    throw new IOException("target image " + l.item().key() + " cannot be decoded: " + e.getMessage(), e);
                }
                w.write(l.fileName() + "," + l.label() + "\n");
            }
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(".png") || n.equals("labels.csv"))) {
                    Files.delete(p);
                }
            }
        }
    }
}
