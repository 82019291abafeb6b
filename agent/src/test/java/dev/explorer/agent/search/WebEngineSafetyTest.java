package dev.explorer.agent.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.DownloadConfig;
import dev.explorer.config.SearchConfig;
import dev.explorer.config.SearchConfig.Engine;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every real engine's client through the settings: the configured endpoint may be local (a
 * self-hosted service, this test), but a redirect from it to another local address, or an answer
 * bigger than search.maxResponseBytes, fails the search with a message and no key in it.
 */
class WebEngineSafetyTest {
    private static SearchConfig config(Engine e, EngineServer s) {
        String url = e == Engine.HTML ? s.url("/s") + "?q={q}&p={page}" : s.url("/api/");
        return EngineServer.config(e, url).withRetries(0, 0, 5, 1_000);
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENVERSE", "WIKIMEDIA", "FLICKR", "CLIP_RETRIEVAL", "HTML"})
    void redirectToAPrivateAddressIsRefused(Engine e) throws Exception {
        try (EngineServer s = new EngineServer()) {
            for (String target : List.of("http://127.0.0.1:9/latest/meta-data/", "http://169.254.169.254/latest/meta-data/",
                    "http://[::ffff:10.0.0.1]/")) {
                s.server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", target).build());
                try (ImageSearchEngine engine = SearchEngines.create(config(e, s), DownloadConfig.DEFAULTS, EngineServer.ENV::get)) {
                    SearchException x = assertThrows(SearchException.class, () -> engine.search("fox", 10, 0));
                    assertTrue(x.getMessage().contains("refused"), e + " " + target + ": " + x.getMessage());
                    assertTrue(!x.getMessage().contains("secret"), "no key in messages");
                }
            }
            assertEquals(3, s.server.getRequestCount(), "nothing reached beyond the redirects");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENVERSE", "WIKIMEDIA", "FLICKR", "CLIP_RETRIEVAL", "HTML"})
    void anOversizedAnswerIsCutAtTheCap(Engine e) throws Exception {
        try (EngineServer s = new EngineServer()) {
            s.json(200, "[" + "1,".repeat(4_300_000) + "1]");
            SearchConfig c = config(e, s);
            try (ImageSearchEngine engine = SearchEngines.create(c, DownloadConfig.DEFAULTS, EngineServer.ENV::get)) {
                SearchException x = assertThrows(SearchException.class, () -> engine.search("fox", 10, 0));
                assertTrue(x.getMessage().contains("maxResponseBytes"), x.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"OPENVERSE", "WIKIMEDIA", "FLICKR", "CLIP_RETRIEVAL", "HTML"})
    void keysTravelOnlyWhereTheApiWantsThemAndNeverIntoTheSettings(Engine e) throws Exception {
        try (EngineServer s = new EngineServer()) {
            s.json(200, "{}");
            try (ImageSearchEngine engine = SearchEngines.create(config(e, s), DownloadConfig.DEFAULTS, EngineServer.ENV::get)) {
                try {
                    engine.search("fox", 10, 0); // "{}" is malformed for some engines, an empty page for others
                } catch (SearchException x) {
                    assertTrue(!x.getMessage().contains("secret"), x.getMessage());
                }
            }
            var r = s.take();
            boolean flickr = e == Engine.FLICKR;
            assertEquals(flickr ? "secret-flickr-key" : null, r.getUrl().queryParameter("api_key"));
            assertEquals(e == Engine.OPENVERSE ? "Bearer secret-token" : null, r.getHeaders().get("Authorization"));
        }
        String yaml = config(e, new EngineServer()).toString();
        assertTrue(!yaml.contains("secret"), "the settings hold variable names, not keys");
    }
}
