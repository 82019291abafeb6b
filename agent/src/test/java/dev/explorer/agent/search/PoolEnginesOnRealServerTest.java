package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigLoader;
import dev.explorer.config.SearchConfig;
import dev.explorer.pool.PoolBuilder;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.pool.source.FolderSource;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both engine clients against a real pool server on a pool this test builds. */
class PoolEnginesOnRealServerTest {
    @TempDir
    Path tmp;

    @Test
    void jsonAndHtmlClientsReturnTheSameResults() throws Exception {
        String[] words = {"apple", "boot", "cat", "dog", "egg", "fern", "goat", "hat"};
        Path src = tmp.resolve("src/00000");
        Files.createDirectories(src);
        for (int i = 0; i < 40; i++) {
            BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i % 20, i / 20, new Color(i * 6, 255 - i * 6, 100).getRGB()); // distinct bytes
            ImageIO.write(img, "png", src.resolve(i + ".png").toFile());
            Files.writeString(src.resolve(i + ".txt"), words[i % words.length] + " picture");
        }
        Path pool = tmp.resolve("pool");
        PoolBuilder.to(pool).name("t").source(new FolderSource("t", tmp.resolve("src"), "CC0")).threads(1).progress(false).build();
        try (PoolServer server = PoolServer.start(pool, "127.0.0.1", 0)) {
            String endpoint = server.uri().toString().replaceAll("/$", "");
            SearchConfig json = ConfigLoader.builder().set("search.endpoint=" + endpoint).load().search();
            SearchConfig html = ConfigLoader.builder().set("search.endpoint=" + endpoint).set("search.engine=pool-html").load().search();
            try (ImageSearchEngine a = SearchEngines.create(json); ImageSearchEngine b = SearchEngines.create(html)) {
                SearchPage pa = a.searchTop("goat", 12);
                SearchPage pb = b.searchTop("goat", 12);
                assertEquals(12, pa.hits().size());
                List<String> ids = pa.hits().stream().map(SearchHit::id).toList();
                assertEquals(ids, pb.hits().stream().map(SearchHit::id).toList());
                // the five goat images rank first, each caption says so
                assertTrue(pa.hits().subList(0, 5).stream().allMatch(h -> h.caption().contains("goat")), pa.toString());
                assertEquals(5, pa.total());
                // image URLs resolve to bytes on the same server
                for (SearchHit h : pb.hits()) {
                    assertTrue(h.imageUrl().startsWith(endpoint + "/"), h.imageUrl());
                }
            }
        }
    }
}
