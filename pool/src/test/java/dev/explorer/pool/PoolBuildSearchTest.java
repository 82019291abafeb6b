package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.search.PoolSearcher;
import dev.explorer.pool.search.SearchResult;
import dev.explorer.pool.source.FolderSource;
import dev.explorer.pool.source.ListFileSource;
import dev.explorer.pool.source.SourceItem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolBuildSearchTest {

    @TempDir
    static Path tmp;
    static Path pool;
    static BuildReport report;

    @BeforeAll
    static void build() throws IOException {
        Path images = tmp.resolve("images");
        TestPools.img2dataset(images, 72);
        // an exact duplicate, an oversized image, a broken PNG and a broken SVG
        Path shard = images.resolve("00000");
        Files.copy(shard.resolve("000000003.png"), shard.resolve("dup.png"));
        ImageIO.write(new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB), "png", shard.resolve("huge.png").toFile());
        Files.writeString(shard.resolve("broken.png"), "not a png at all");
        Files.writeString(shard.resolve("broken.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><rect");
        pool = tmp.resolve("pool");
        report = PoolBuilder.to(pool).source(new FolderSource("mine", images, "CC0")).tagProbability(0.3).seed(1)
                .maxPixels(100_000).threads(2).progress(false).build();
    }

    @Test
    void genericImg2datasetFolderIsIngestedWithCounts() throws IOException {
        BuildReport.SourceCounts c = report.sources().get("mine");
        assertEquals(76, c.offered());
        assertEquals(72, c.ingested());
        assertEquals(1, c.duplicates(), "byte-identical file stored once");
        assertEquals(1, c.tooLarge());
        assertEquals(1, c.undecodable());
        assertEquals(1, c.svgFailed());
        List<PoolEntry> entries = PoolLayout.readEntries(pool);
        assertEquals(72, entries.size());
        assertEquals(72, PoolLayout.readEval(pool).size());
        assertEquals(72, PoolLayout.manifest(pool).images());
        assertTrue(Files.readString(pool.resolve(PoolLayout.BUILD_REPORT)).contains("\"svgFailed\" : 1"));
        PoolEntry first = entries.get(0);
        assertEquals("A photo of a brown dog number 0", first.title());
        assertTrue(Files.isRegularFile(pool.resolve(first.thumbPath())));
        // the sidecar label is ground truth: in eval.jsonl only
        assertEquals(TestPools.secret(0), PoolLayout.readEval(pool).get(0).taxonomy());
        String captions = Files.readString(pool.resolve(PoolLayout.CAPTIONS));
        assertFalse(captions.contains("zqxsecret"), "labels are not in captions.jsonl");
    }

    @Test
    void rebuildingGivesTheSamePool() throws IOException {
        Path again = tmp.resolve("again");
        PoolBuilder.to(again).source(new FolderSource("mine", tmp.resolve("images"), "CC0")).tagProbability(0.3)
                .seed(1).maxPixels(100_000).threads(1).progress(false).build();
        assertEquals(Files.readString(pool.resolve(PoolLayout.CAPTIONS)), Files.readString(again.resolve(PoolLayout.CAPTIONS)));
        assertThrows(IllegalStateException.class, () -> PoolBuilder.to(again)
                .source(new FolderSource("mine", tmp.resolve("images"), "CC0")).progress(false).build(),
                "an existing pool is not replaced without overwrite");
    }

    @Test
    void bm25FindsCaptionWordsWithStemming() throws IOException {
        try (PoolSearcher s = PoolSearcher.open(pool)) {
            SearchResult r = s.search("dogs", 20, 0);
            assertEquals(6, r.total(), "72 images, 12 subjects: 6 brown dogs");
            for (int i = 0; i < 6; i++) {
                assertEquals(SearchResult.Tier.MATCH, r.hits().get(i).tier());
                assertTrue(r.hits().get(i).entry().title().contains("dog"));
            }
            assertEquals(20, r.hits().size(), "the page is filled after the matches");
            for (SearchResult.Hit h : s.search("leather sandal", 6, 0).hits()) {
                assertTrue(h.entry().title().contains("leather sandal"), h.entry().title());
            }
        }
    }

    @Test
    void rareWordsGetAFullDeterministicPageThroughExpansionAndFiller() throws IOException {
        try (PoolSearcher s = PoolSearcher.open(pool); PoolSearcher s2 = PoolSearcher.open(pool)) {
            // "canine" is in no caption; WordNet hyponyms include dog
            SearchResult canine = s.search("canine", 20, 0);
            assertEquals(SearchResult.Tier.EXPANSION, canine.hits().get(0).tier());
            assertTrue(canine.hits().get(0).entry().title().contains("dog"), canine.hits().get(0).entry().title());
            // footwear -> shoe/boot/sandal hyponyms
            SearchResult foot = s.search("footwear", 20, 0);
            assertTrue(foot.hits().stream().limit(6).allMatch(h -> h.tier() == SearchResult.Tier.EXPANSION
                    && (h.entry().title().contains("sandal") || h.entry().title().contains("boot"))));
            for (String rare : List.of("aardvark", "zymase", "quasar", "not-a-word-at-all")) {
                SearchResult a = s.search(rare, 20, 0);
                assertEquals(20, a.hits().size(), rare + " fills a page");
                assertEquals(ids(a), ids(s2.search(rare, 20, 0)), "same pool, query, page: same results");
            }
            // pages do not overlap, filler scores below matches
            Set<String> seen = new HashSet<>();
            for (int p = 0; p < 3; p++) {
                for (String id : ids(s.search("aardvark", 20, p))) {
                    assertTrue(seen.add(id), "page " + p + " repeats " + id);
                }
            }
            SearchResult past = s.search("dog", 20, 10);
            assertEquals(0, past.hits().size(), "past the pool's end the page is empty");
            assertEquals(0f, s.search("aardvark", 20, 0).hits().get(19).score());
        }
    }

    @Test
    void aSampleOfWordNetNounsAllGetFullPages() throws Exception {
        List<String> lemmas = new java.util.ArrayList<>(dev.explorer.pool.wordnet.WordNet.get().nounLemmas());
        assertTrue(lemmas.size() > 110_000, "WordNet 3.1 has about 118k noun lemmas: " + lemmas.size());
        java.util.Collections.shuffle(lemmas, new java.util.Random(5));
        dev.explorer.pool.cli.CoverageCommand.Stats st =
                dev.explorer.pool.cli.CoverageCommand.measure(pool, lemmas.subList(0, 300), 20);
        assertEquals(300, st.full(), "every sampled noun fills a page of 20");
        assertTrue(st.fullMatch() < st.full(), "most nouns need the fallback on a 72-image pool");
    }

    @Test
    void groundTruthLabelsAreNotSearchable() throws IOException {
        try (PoolSearcher s = PoolSearcher.open(pool)) {
            SearchResult r = s.search(TestPools.secret(1), 20, 0);
            assertEquals(0, r.total());
            assertTrue(r.hits().stream().allMatch(h -> h.tier() == SearchResult.Tier.FILLER));
        }
    }

    @Test
    void listFileAdaptersReadJsonlAndCsv() throws IOException {
        Path dir = tmp.resolve("lists");
        Files.createDirectories(dir.resolve("img"));
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("img/a.png").toFile());
        Files.writeString(dir.resolve("c.jsonl"), "{\"path\":\"img/a.png\",\"caption\":\"a red kite\",\"tags\":[\"sky\",\"hash\"],\"label\":\"bird\"}\n\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("c.csv"), "file,text,tags,label\r\nimg/a.png,\"a kite, flying\",\"sky;wind\",bird\n",
                StandardCharsets.UTF_8);
        SourceItem j = new ListFileSource("j", dir.resolve("c.jsonl"), null).items(0).get(0);
        assertEquals("a red kite", j.title());
        assertEquals(List.of("sky"), j.tags(), "stop-listed tag dropped");
        assertEquals("bird", j.taxonomy());
        SourceItem c = new ListFileSource("c", dir.resolve("c.csv"), null).items(0).get(0);
        assertEquals("a kite, flying", c.title());
        assertEquals(List.of("sky", "wind"), c.tags());
        assertTrue(Files.isSameFile(dir.resolve("img/a.png"), ((dev.explorer.pool.source.ImageRef.RasterFile) c.image()).path()));
        Files.writeString(dir.resolve("bad.jsonl"), "{\"caption\":\"no path\"}\n");
        IOException e = assertThrows(IOException.class, () -> new ListFileSource("b", dir.resolve("bad.jsonl"), null).items(0));
        assertTrue(e.getMessage().contains("no path"), e.getMessage());
    }

    static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.entry().id()).toList();
    }
}
