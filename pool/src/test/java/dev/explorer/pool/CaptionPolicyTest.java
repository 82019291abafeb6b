package dev.explorer.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.pool.source.ImageRef;
import dev.explorer.pool.source.SourceItem;
import dev.explorer.pool.source.Words;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionPolicyTest {

    static SourceItem item(List<String> tags) {
        return new SourceItem("s", "l", "k", "blue bird", List.of("bird", "sky"), tags, "animals/birds", Topic.ANIMAL,
                false, new ImageRef.Gray(1, 1, new byte[1]));
    }

    static List<String> tags(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("tag" + (char) ('a' + i % 26) + (char) ('a' + i / 26));
        }
        return t;
    }

    @Test
    void sameImageAndSeedGiveTheSameCaption() {
        SourceItem it = item(tags(20));
        CaptionPolicy p = new CaptionPolicy(0.3, 7);
        assertEquals(p.apply(it, "00112233aabbccdd"), p.apply(it, "00112233aabbccdd"));
        assertEquals(p.apply(it, "00112233aabbccdd"), new CaptionPolicy(0.3, 7).apply(it, "00112233aabbccdd"));
        // another image or another seed draws differently (20 tags: equal draws are vanishingly unlikely)
        assertNotEquals(p.apply(it, "00112233aabbccdd").tags(), p.apply(it, "ffeeddccbbaa9988").tags());
        assertNotEquals(p.apply(it, "00112233aabbccdd").tags(), new CaptionPolicy(0.3, 8).apply(it, "00112233aabbccdd").tags());
    }

    @Test
    void titleAndFileNameWordsAlwaysStayAndTagsAreKeptWithProbabilityP() {
        SourceItem it = item(tags(100));
        int kept = 0;
        int images = 200;
        for (int i = 0; i < images; i++) {
            CaptionPolicy.Caption c = new CaptionPolicy(0.3, 0).apply(it, "img" + i);
            assertEquals("blue bird", c.title());
            assertEquals(List.of("bird", "sky"), c.nameWords());
            kept += c.tags().size();
        }
        double share = kept / (double) (images * 100);
        assertEquals(0.3, share, 0.02, "share of tags indexed");
        assertEquals(List.of(), new CaptionPolicy(0, 0).apply(it, "x").tags());
        assertEquals(100, new CaptionPolicy(1, 0).apply(it, "x").tags().size());
    }

    @Test
    void raisingPOnlyAddsTags() {
        SourceItem it = item(tags(50));
        List<String> low = new CaptionPolicy(0.2, 3).apply(it, "abc").tags();
        List<String> high = new CaptionPolicy(0.6, 3).apply(it, "abc").tags();
        assertTrue(high.containsAll(low), "p=0.6 keeps every tag p=0.2 kept");
        assertTrue(high.size() > low.size());
    }

    @Test
    void stopListDropsMetadataNoise() {
        assertEquals(List.of("bird", "blue"), Words.cleanTags(List.of("hash", "Bird", "magick", "icons", "theme", " blue ", "42")));
        assertEquals(List.of("bison", "leif", "lodahl"), Words.fromFileName("bison_leif_lodahl_01.png"));
        assertEquals(List.of("folder", "picture"), Words.fromFileName("folderPicture.png"));
        assertEquals("waving hand", Words.withoutSkinTone("waving hand: medium-dark skin tone"));
        // stop-listed tags never reach the index even with p = 1
        assertEquals(List.of("wing"), new CaptionPolicy(1, 0).apply(item(List.of("wing")), "x").tags());
    }

    @Test
    void displayShowsTitleThenNewNameWordsThenTags() {
        CaptionPolicy.Caption c = new CaptionPolicy.Caption("Blue bird", List.of("bird", "sky"), List.of("wing", "feather"));
        assertEquals("Blue bird (sky); wing, feather", c.display());
        assertEquals("Blue bird bird sky wing feather", c.text());
    }
}
