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
 *   <li>T3-large: the same 3,000 test footwear images, 166 per class unlabelled for the agent (498)
 *       and the other 2,502 labelled for evaluation: a test split large enough that a gain is
 *       more than a few images.</li>
 *   <li>T4: all ten Fashion-MNIST test classes, 50 per class for the agent (500) and 200 per
 *       class labelled for evaluation (2,000).</li>
 *   <li>T4-small: T4 with only the first 5 of each class's 50 agent images (50), the same 2,000
 *       test images: the regime where a target alone is too small to learn from and data found
 *       elsewhere has the most to add.</li>
 * </ul>
 * The pool holds only Fashion-MNIST's train split, so no target image is in the pool.
 */
public final class TargetWriter {

    public static final String T1 = "t1-emoji-animals";
    public static final String T3 = "t3-fashion-footwear";
    public static final String T3_LARGE = "t3-large-fashion-footwear";
    public static final String T4 = "t4-fashion-mnist";
    public static final String T4_SMALL = "t4-small-fashion-mnist";
    /** The file beside {@code train/} and {@code test/} that lists the class names (label-set mode). */
    public static final String CLASS_NAMES = "classes.txt";
    /** Fashion-MNIST's footwear classes: sandal, sneaker, ankle boot. */
    public static final java.util.Set<Integer> FOOTWEAR = java.util.Set.of(5, 7, 9);
    public static final java.util.Set<Integer> ALL_FASHION = java.util.Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    /** A target already split into the agent's part and the labelled test part. */
    public record Split(List<Labelled> train, List<Labelled> test) {
    }

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
            if (FOOTWEAR.contains(s.label())) {
                foot.add(s);
            }
        }
        if (sample > 0 && sample < foot.size()) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x7A3L);
            shuffle(foot, r);
            foot = new ArrayList<>(foot.subList(0, sample));
            foot.sort(Comparator.comparingInt(FashionMnistSource.Sample::index));
        }
        List<Labelled> out = new ArrayList<>();
        for (FashionMnistSource.Sample s : foot) {
            out.add(fashionImage(s));
        }
        return out;
    }

    /**
     * A fixed-size split of the Fashion-MNIST test split: for each class in {@code classes},
     * {@code trainPerClass} images for the agent and {@code testPerClass} (0 = all the rest)
     * labelled for evaluation, chosen by a seeded shuffle per class.
     */
    public static Split fashion(Path fashionRoot, java.util.Set<Integer> classes, int trainPerClass, int testPerClass,
            long seed) throws IOException {
        FashionMnistSource src = new FashionMnistSource(fashionRoot, FashionMnistSource.Split.TEST, Integer.MAX_VALUE,
                seed);
        String why = src.unavailableReason();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        Map<Integer, List<FashionMnistSource.Sample>> byClass = new TreeMap<>();
        for (FashionMnistSource.Sample s : src.read()) {
            if (classes.contains(s.label())) {
                byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Labelled> train = new ArrayList<>();
        List<Labelled> test = new ArrayList<>();
        for (Map.Entry<Integer, List<FashionMnistSource.Sample>> e : byClass.entrySet()) {
            List<FashionMnistSource.Sample> members = new ArrayList<>(e.getValue());
            SplittableRandom r = new SplittableRandom(seed * 31 + e.getKey());
            shuffle(members, r);
            int nTrain = Math.min(trainPerClass, members.size());
            int nTest = testPerClass == 0 ? members.size() - nTrain : Math.min(testPerClass, members.size() - nTrain);
            for (FashionMnistSource.Sample s : members.subList(0, nTrain)) {
                train.add(fashionImage(s));
            }
            for (FashionMnistSource.Sample s : members.subList(nTrain, nTrain + nTest)) {
                test.add(fashionImage(s));
            }
        }
        return new Split(train, test);
    }

    /**
     * The same split with only the first {@code perClass} agent images of each class (in the
     * split's seeded order, so they are a subset of the larger target's); the test part unchanged.
     */
    public static Split fewer(Split split, int perClass) {
        Map<String, Integer> taken = new TreeMap<>();
        List<Labelled> train = new ArrayList<>();
        for (Labelled l : split.train()) {
            if (taken.merge(l.label(), 1, Integer::sum) <= perClass) {
                train.add(l);
            }
        }
        return new Split(train, split.test());
    }

    private static Labelled fashionImage(FashionMnistSource.Sample s) {
        String label = FashionMnistSource.CLASSES.get(s.label()).toLowerCase().replace(' ', '-');
        return new Labelled(String.format("test-%05d.png", s.index()), label,
                new SourceItem("fashion-mnist", "MIT (Fashion-MNIST)", "test/" + s.index(), "", List.of(),
                        List.of(), label, null, false, s.image()));
    }

    /** Writes a target whose split is already made: clears and refills {@code <out>/<name>/train} and {@code /test}. */
    public Written write(Path out, String name, Split split) throws IOException {
        Path root = out.resolve(name);
        Path train = root.resolve("train");
        Path test = root.resolve("test");
        for (Path p : List.of(train, test)) {
            clear(p);
            Files.createDirectories(p);
        }
        Map<String, Integer> perClass = new TreeMap<>();
        for (Labelled l : split.train()) {
            perClass.merge(l.label(), 1, Integer::sum);
        }
        for (Labelled l : split.test()) {
            perClass.merge(l.label(), 1, Integer::sum);
        }
        writeFolder(train, new ArrayList<>(split.train()));
        writeFolder(test, new ArrayList<>(split.test()));
        writeClassNames(root.resolve(CLASS_NAMES), perClass.keySet());
        return new Written(name, split.train().size(), split.test().size(), perClass);
    }

    /** Writes one target split per class by the test fraction: clears and refills {@code <out>/<name>/train} and {@code /test}. */
    public Written write(Path out, String name, List<Labelled> images) throws IOException {
        Map<String, List<Labelled>> byClass = new TreeMap<>();
        for (Labelled l : images) {
            byClass.computeIfAbsent(l.label(), k -> new ArrayList<>()).add(l);
        }
        List<Labelled> trainRows = new ArrayList<>();
        List<Labelled> testRows = new ArrayList<>();
        for (Map.Entry<String, List<Labelled>> e : byClass.entrySet()) {
            List<Labelled> members = new ArrayList<>(e.getValue());
            members.sort(Comparator.comparing(Labelled::fileName));
            SplittableRandom r = new SplittableRandom(seed * 31 + e.getKey().hashCode());
            shuffle(members, r);
            int nTest = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(members.size() * testFraction));
            testRows.addAll(members.subList(0, nTest));
            trainRows.addAll(members.subList(nTest, members.size()));
        }
        return write(out, name, new Split(trainRows, testRows));
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

    /**
     * The target's class names, one per line, as a user would type them ("ankle-boot" becomes
     * "Ankle boot"): the file {@code target.classNames} takes for label-set mode (the paper's
     * "IE, label set"). Sorted, so the file is the same for every run of {@code pool targets}.
     */
    static void writeClassNames(Path file, java.util.Collection<String> labels) throws IOException {
        StringBuilder b = new StringBuilder("# class names of this target, one per line: target.classNames for label-set mode\n");
        for (String l : new java.util.TreeSet<>(labels)) {
            b.append(className(l)).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /**
     * A label as a query: a Fashion-MNIST class by the dataset's own name ("t-shirt/top" is
     * "T-shirt/top"), any other label with its hyphens, the labels' word separators, as spaces
     * ("plant-other" becomes "plant other").
     */
    static String className(String label) {
        for (String c : FashionMnistSource.CLASSES) {
            if (c.toLowerCase().replace(' ', '-').equals(label)) {
                return c;
            }
        }
        return label.replace('-', ' ');
    }

    /** Fisher-Yates with the given generator: the one seeded shuffle every split uses. */
    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
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
