package dev.explorer.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** explorer engines: the table, configured or not, keys never printed; engines check: results or the reason. */
class EnginesCommandTest {
    @AfterEach
    void resetEnv() {
        EnginesCommand.env = System::getenv;
    }

    @Test
    void listsEveryEngineWithItsStateAndBudgetsAndNoKey() {
        EnginesCommand.env = Map.of("FLICKR_API_KEY", "secret-key-123")::get;
        MainTest.Result r = MainTest.run("engines", "--set", "search.budgets=openverse:100/minute");
        assertEquals(0, r.code(), r.err());
        for (String e : new String[] {"pool-json", "openverse", "wikimedia", "flickr", "clip-retrieval", "html"}) {
            assertTrue(r.out().contains(e), r.out());
        }
        assertTrue(r.out().contains("100/minute"), r.out());
        assertTrue(r.out().contains("3600/hour"), "flickr's documented default: " + r.out());
        assertTrue(r.out().contains("no URL: set search.clipRetrievalUrl"), r.out());
        assertTrue(!r.out().contains("secret-key-123"), "a key is never printed");
        assertTrue(r.out().contains("download.contact"), "a missing contact is pointed out");

        EnginesCommand.env = Map.<String, String>of()::get;
        assertTrue(MainTest.run("engines").out().contains("no key: set $FLICKR_API_KEY"));
    }

    @Test
    void checkPrintsResultsOrTheExactReason() throws Exception {
        try (MockWebServer s = new MockWebServer()) {
            s.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(
                    "{\"result_count\":1,\"results\":[{\"id\":\"a\",\"thumbnail\":\"https://x.org/t.jpg\","
                            + "\"license\":\"by\",\"creator\":\"Ann\",\"foreign_landing_url\":\"https://x.org/p\"}]}").build());
            s.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").body("{}").build());
            s.start();
            String url = "search.openverseUrl=" + s.url("/v1/images/");
            MainTest.Result ok = MainTest.run("engines", "check", "openverse", "--set", url);
            assertEquals(0, ok.code(), ok.out() + ok.err());
            assertTrue(ok.out().contains("https://x.org/t.jpg") && ok.out().contains("licence by"), ok.out());
            MainTest.Result quota = MainTest.run("engines", "check", "openverse", "--set", url);
            assertEquals(1, quota.code());
            assertTrue(quota.out().contains("HTTP 429"), quota.out());
        }
        MainTest.Result none = MainTest.run("engines", "check", "clip-retrieval");
        assertEquals(1, none.code());
        assertTrue(none.out().contains("not configured"), none.out());
        MainTest.Result down = MainTest.run("engines", "check", "wikimedia", "--set", "search.wikimediaUrl=http://127.0.0.1:9/w/api.php");
        assertEquals(1, down.code());
        assertTrue(down.out().contains("cannot reach"), down.out());
        assertEquals(2, MainTest.run("engines", "check", "bing").code());
    }
}
