package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.image.Thumbnailer;
import dev.explorer.pool.source.EmojiDatasourceSource;
import dev.explorer.pool.source.EmojiMeta;
import dev.explorer.pool.source.FashionMnistSource;
import dev.explorer.pool.source.FluentSource;
import dev.explorer.pool.source.OpenClipartSource;
import dev.explorer.pool.source.OpenMojiSource;
import dev.explorer.pool.source.OxygenSource;
import dev.explorer.pool.source.SourceItem;
import dev.explorer.pool.source.TuxPaintSource;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each adapter on a small real sample of its installed package. */
class SourceAdaptersTest {

    static EmojiMeta meta;
    static final Thumbnailer THUMBS = new Thumbnailer(128, 4096L * 4096L);

    @BeforeAll
    static void loadMeta() throws IOException {
        meta = EmojiMeta.load(Installed.npm("emojibase-data"));
    }

    /** Every sampled item makes a thumbnail within 128 px (or is one of the rare counted failures). */
    static int thumbnails(List<SourceItem> items) throws IOException {
        int ok = 0;
        for (SourceItem it : items) {
            try {
                Thumbnailer.Thumb t = THUMBS.make(it.image(), it.image().bytes());
                assertTrue(Math.max(t.width(), t.height()) <= 128, it.key() + " is " + t.width() + "x" + t.height());
                assertEquals(0x89, t.png()[0] & 0xff, "PNG signature");
                ok++;
            } catch (Thumbnailer.SkipException e) {
                // counted by the builder; the sample must still be mostly fine (asserted by callers)
            }
        }
        return ok;
    }

    @Test
    void openClipartReadsRdfTitlesSubjectsAndDirectories() throws Exception {
        OpenClipartSource src = Installed.require(new OpenClipartSource(OpenClipartSource.DEFAULT_ROOT));
        List<SourceItem> items = src.items(40);
        assertEquals(40, items.size());
        long withTags = items.stream().filter(i -> !i.tags().isEmpty()).count();
        assertTrue(withTags >= 20, "most clip art has dc:subject keywords, got " + withTags + "/40");
        assertTrue(items.stream().allMatch(i -> !i.title().isBlank()));
        assertTrue(items.stream().noneMatch(i -> i.tags().contains("hash") || i.tags().contains("magick")),
                "stop-listed keywords are dropped");
        Set<String> tops = items.stream().map(i -> i.taxonomy().split("/")[0]).collect(Collectors.toSet());
        assertTrue(tops.size() >= 8, "a spread sample covers many top-level directories: " + tops);
        assertTrue(thumbnails(items.subList(0, 10)) >= 9);
        assertTrue(items.stream().anyMatch(i -> i.topic() == Topic.ANIMAL));
    }

    @Test
    void tuxPaintLeavesOutAnimalsAndUsesTheEnglishSentence() throws Exception {
        TuxPaintSource src = Installed.require(new TuxPaintSource(TuxPaintSource.DEFAULT_ROOT));
        List<SourceItem> all = src.items(0);
        assertTrue(all.size() >= 850 && all.size() <= 950, "about 888 stamps without animals, got " + all.size());
        assertTrue(all.stream().noneMatch(i -> i.key().startsWith("animals/")));
        long sentences = all.stream().filter(i -> i.title().endsWith(".")).count();
        assertTrue(sentences > all.size() * 0.9, "English sentences from the .txt files: " + sentences);
        assertTrue(all.stream().noneMatch(i -> i.title().contains(".utf8=")), "translations are not captions");
        assertTrue(thumbnails(src.items(8)) >= 7, "PNG and SVG stamps render");
    }

    @Test
    void emojiDatasourceUses64pxFilesAndEmojibaseNames() throws Exception {
        EmojiDatasourceSource src = Installed.require(new EmojiDatasourceSource("google",
                Installed.npm("emoji-datasource-google"), meta));
        List<SourceItem> all = src.items(0);
        assertTrue(all.size() > 3_500 && all.size() < 3_900, "about 3,700 Google emoji, got " + all.size());
        assertTrue(all.stream().allMatch(i -> i.key().startsWith("google/64/")), "never the sprite sheets");
        Map<String, SourceItem> byTitle = all.stream().collect(Collectors.toMap(SourceItem::title, Function.identity(),
                (a, b) -> a));
        assertEquals(Topic.FACE, byTitle.get("grinning face").topic());
        assertEquals(Topic.ANIMAL, byTitle.get("dog face").topic());
        assertEquals(Topic.FLAG, all.stream().filter(i -> i.taxonomy().startsWith("Flags/")).findFirst().get().topic());
        assertTrue(all.stream().noneMatch(i -> i.title().contains("skin tone")), "skin tones are not in titles");
        assertEquals(64, THUMBS.make(all.get(0).image(), all.get(0).image().bytes()).width());
    }

    @Test
    void twitterStyleTargetFilterKeepsAnimalsAndNatureWithoutSkinTones() throws Exception {
        EmojiDatasourceSource src = Installed.require(new EmojiDatasourceSource("twitter",
                Installed.npm("emoji-datasource-twitter"), meta, false, "Animals & Nature"::equals));
        List<SourceItem> all = src.items(0);
        assertEquals(159, all.size(), "data notes: 159 Twitter Animals & Nature emoji");
    }

    @Test
    void openMojiRasterisesSvgsWithAnnotationsAsTitles() throws Exception {
        OpenMojiSource src = Installed.require(new OpenMojiSource(Installed.npm("openmoji")));
        List<SourceItem> all = src.items(0);
        assertEquals(4_495, all.size());
        List<SourceItem> sample = src.items(12);
        assertTrue(sample.stream().allMatch(i -> !i.title().isBlank()));
        assertTrue(thumbnails(sample) >= 11, "Batik renders OpenMoji");
    }

    @Test
    void fluentJoinsSlugsToEmojibaseAndStripsSkinTones() throws Exception {
        FluentSource src = Installed.require(new FluentSource(Installed.npm("fluentui-emoji"), meta));
        List<SourceItem> all = src.items(0);
        assertEquals(6_290, all.size(), "modern + flat");
        SourceItem surf = all.stream().filter(i -> i.key().equals("modern/man-surfing-medium-dark.svg")).findFirst()
                .orElseThrow();
        assertEquals("man surfing", surf.title());
        assertEquals(Topic.PERSON, surf.topic());
        long joined = all.stream().filter(i -> !i.taxonomy().equals("/")).count();
        assertTrue(joined > all.size() * 0.9, "most slugs join emojibase: " + joined + "/" + all.size());
        assertTrue(thumbnails(src.items(6)) >= 5);
    }

    @Test
    void oxygenTakesTheLargestSizePerName() throws Exception {
        OxygenSource src = Installed.require(new OxygenSource(OxygenSource.DEFAULT_ROOT));
        List<SourceItem> all = src.items(0);
        assertTrue(all.size() > 1_900 && all.size() < 2_100, "about 2,040 icons, got " + all.size());
        Set<String> names = new HashSet<>();
        for (SourceItem i : all) {
            assertTrue(names.add(i.key().substring(i.key().indexOf('/') + 1)), "one size per name: " + i.key());
        }
        SourceItem folder = all.stream().filter(i -> i.key().endsWith("/places/folder.png")).findFirst().orElseThrow();
        assertEquals("256/places/folder.png", folder.key());
        assertEquals(List.of("folder"), folder.nameWords());
        assertEquals(128, THUMBS.make(folder.image(), folder.image().bytes()).width(), "256 px scales to 128");
    }

    @Test
    void fashionMnistCaptionsAreSyntheticWordNetNamesPerClass() throws Exception {
        FashionMnistSource src = Installed.require(new FashionMnistSource(FashionMnistSource.DEFAULT_ROOT,
                FashionMnistSource.Split.TRAIN, 1_500, 0));
        List<SourceItem> items = src.items(100);
        assertEquals(100, items.size());
        Map<String, Long> perClass = items.stream().collect(Collectors.groupingBy(SourceItem::taxonomy,
                Collectors.counting()));
        assertEquals(10, perClass.size());
        assertTrue(perClass.values().stream().allMatch(c -> c == 10));
        assertTrue(items.stream().allMatch(SourceItem::synthetic));
        List<List<String>> pools = FashionMnistSource.namePools();
        assertTrue(pools.get(5).contains("sandal") && pools.get(5).size() >= 4, "sandal names: " + pools.get(5));
        for (SourceItem i : items) {
            int label = FashionMnistSource.CLASSES.indexOf(i.taxonomy());
            assertTrue(pools.get(label).contains(i.title()), i.title() + " is a WordNet name of " + i.taxonomy());
        }
        assertEquals(items.stream().map(SourceItem::title).toList(),
                src.items(100).stream().map(SourceItem::title).toList(), "captions are seeded");
        assertFalse(items.stream().map(SourceItem::title).distinct().count() < 10, "names vary");
        Thumbnailer.Thumb t = THUMBS.make(items.get(0).image(), items.get(0).image().bytes());
        assertEquals(28, t.width(), "small images are not enlarged");
    }
}
