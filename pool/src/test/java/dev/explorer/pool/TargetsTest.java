package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.source.EmojiDatasourceSource;
import dev.explorer.pool.source.EmojiMeta;
import dev.explorer.pool.source.FashionMnistSource;
import dev.explorer.pool.targets.TargetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {

    @TempDir
    Path tmp;

    /** The class names a target lists for label-set mode, comment lines left out. */
    static List<String> classNames(Path target) throws IOException {
        return Files.readAllLines(target.resolve(TargetWriter.CLASS_NAMES)).stream()
                .filter(l -> !l.startsWith("#")).toList();
    }

    static List<String> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("path,label", lines.get(0));
        return lines.subList(1, lines.size());
    }

    @Test
    void t1IsTwitterAnimalsAndNatureSplitPerClassDeterministically() throws IOException {
        Path twitter = Installed.npm("emoji-datasource-twitter");
        Installed.require(new EmojiDatasourceSource("twitter", twitter, EmojiMeta.empty()));
        List<TargetWriter.Labelled> images = TargetWriter.t1(twitter, EmojiMeta.load(Installed.npm("emojibase-data")));
        assertEquals(159, images.size());
        TargetWriter.Written w = new TargetWriter(0, 0.5).write(tmp, TargetWriter.T1, images);
        assertEquals(159, w.train() + w.test());
        assertEquals(java.util.Map.of("mammal", 66, "bird", 22, "marine", 17, "plant-other", 17, "bug", 16,
                "flower", 12, "reptile", 9), w.perClass(), "the data notes' 7 classes");
        assertEquals(List.of("bird", "bug", "flower", "mammal", "marine", "plant other", "reptile"),
                classNames(tmp.resolve(TargetWriter.T1)));
        Path test = tmp.resolve(TargetWriter.T1).resolve("test");
        List<String> testRows = rows(test.resolve("labels.csv"));
        assertEquals(w.test(), testRows.size());
        String firstFile = testRows.get(0).split(",")[0];
        assertEquals(64, ImageIO.read(test.resolve(firstFile).toFile()).getWidth());
        // same seed: same split; another seed: another split
        Path again = tmp.resolve("again");
        new TargetWriter(0, 0.5).write(again, TargetWriter.T1, images);
        assertEquals(testRows, rows(again.resolve(TargetWriter.T1).resolve("test/labels.csv")));
        new TargetWriter(1, 0.5).write(again, TargetWriter.T1, images);
        assertTrue(!testRows.equals(rows(again.resolve(TargetWriter.T1).resolve("test/labels.csv"))));
        try (var s = Files.list(test)) {
            assertEquals(w.test() + 1, s.count(), "PNGs plus labels.csv, stale files cleared");
        }
    }

    @Test
    void t3IsASeededSampleOfTestFootwear() throws IOException {
        Installed.require(new FashionMnistSource(FashionMnistSource.DEFAULT_ROOT, FashionMnistSource.Split.TEST, 1, 0));
        List<TargetWriter.Labelled> images = TargetWriter.t3(FashionMnistSource.DEFAULT_ROOT, 300, 0);
        assertEquals(300, images.size());
        assertEquals(images.stream().map(TargetWriter.Labelled::fileName).toList(),
                TargetWriter.t3(FashionMnistSource.DEFAULT_ROOT, 300, 0).stream().map(TargetWriter.Labelled::fileName).toList());
        TargetWriter.Written w = new TargetWriter(0, 0.5).write(tmp, TargetWriter.T3, images);
        assertEquals(Set.of("sandal", "sneaker", "ankle-boot"), w.perClass().keySet());
        assertEquals(300, w.perClass().values().stream().mapToInt(Integer::intValue).sum());
        for (Map.Entry<String, Integer> e : w.perClass().entrySet()) {
            assertTrue(e.getValue() > 70 && e.getValue() < 130, "a random sample is roughly balanced: " + e);
        }
        assertEquals(150, w.test(), "half of each class, rounded");
        assertEquals(List.of("Ankle boot", "Sandal", "Sneaker"), classNames(tmp.resolve(TargetWriter.T3)),
                "the dataset's class names, for target.classNames");
        Path train = tmp.resolve(TargetWriter.T3).resolve("train");
        String row = rows(train.resolve("labels.csv")).get(0);
        assertEquals(28, ImageIO.read(train.resolve(row.split(",")[0]).toFile()).getWidth());
        assertEquals(3_000, TargetWriter.t3(FashionMnistSource.DEFAULT_ROOT, 0, 0).size(), "all test footwear");
    }

    @Test
    void largeTargetsHaveTestSplitsThatCanMeasureAGain() throws IOException {
        Installed.require(new FashionMnistSource(FashionMnistSource.DEFAULT_ROOT, FashionMnistSource.Split.TEST, 1, 0));
        TargetWriter w = new TargetWriter(0, 0.5);
        TargetWriter.Split t3l = TargetWriter.fashion(FashionMnistSource.DEFAULT_ROOT, TargetWriter.FOOTWEAR, 166, 0, 0);
        assertEquals(498, t3l.train().size());
        assertEquals(2_502, t3l.test().size());
        TargetWriter.Split t4 = TargetWriter.fashion(FashionMnistSource.DEFAULT_ROOT, TargetWriter.ALL_FASHION, 50, 200, 0);
        assertEquals(500, t4.train().size());
        assertEquals(2_000, t4.test().size());
        // the agent's part and the test part never share an image
        Set<String> trainFiles = new java.util.HashSet<>(t4.train().stream().map(TargetWriter.Labelled::fileName).toList());
        assertTrue(t4.test().stream().noneMatch(l -> trainFiles.contains(l.fileName())));
        TargetWriter.Written written = w.write(tmp, TargetWriter.T4, t4);
        assertEquals(10, written.perClass().size());
        assertTrue(written.perClass().values().stream().allMatch(n -> n == 250), "50 + 200 per class: " + written.perClass());
        Path test = tmp.resolve(TargetWriter.T4).resolve("test");
        assertEquals(2_000, rows(test.resolve("labels.csv")).size());
        assertEquals(List.of("Ankle boot", "Bag", "Coat", "Dress", "Pullover", "Sandal", "Shirt", "Sneaker",
                "T-shirt/top", "Trouser"), classNames(tmp.resolve(TargetWriter.T4)));
        // the small T4: 5 of each class's agent images, a subset of T4's, and T4's test images
        TargetWriter.Split small = TargetWriter.fewer(t4, 5);
        assertEquals(50, small.train().size());
        assertTrue(small.train().stream().allMatch(l -> trainFiles.contains(l.fileName())));
        assertEquals(t4.test(), small.test());
        TargetWriter.Written ws = w.write(tmp, TargetWriter.T4_SMALL, small);
        assertEquals(50, ws.train());
        assertTrue(ws.perClass().values().stream().allMatch(n -> n == 205), "5 + 200 per class: " + ws.perClass());
        // seeded: the same seed gives the same split
        assertEquals(t4.test().stream().map(TargetWriter.Labelled::fileName).toList(),
                TargetWriter.fashion(FashionMnistSource.DEFAULT_ROOT, TargetWriter.ALL_FASHION, 50, 200, 0).test().stream()
                        .map(TargetWriter.Labelled::fileName).toList());
    }
}
