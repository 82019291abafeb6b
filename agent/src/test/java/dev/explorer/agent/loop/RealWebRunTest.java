package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.run.EngineStats;
import dev.explorer.run.RunDirectory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two iterations of the whole loop with search.engines=openverse:0.5,wikimedia:0.5, each engine a
 * MockWebServer answering in its API's shape with the offline pool's results (image URLs on the
 * pool server), so the records carry each engine's licence, creator and source page, and the run
 * writes credits.csv and engines.json.
 */
class RealWebRunTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static SmallWorld world;

    @BeforeAll
    static void buildWorld() throws Exception {
        world = SmallWorld.create(tmp.resolve("world"), 6);
    }

    /** The pool's results for a query, as JSON nodes. */
    static JsonNode pool(String endpoint, String q, int n, int page) throws Exception {
        String url = endpoint + "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&n=" + n + "&page=" + page;
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    static MockWebServer engine(String endpoint, boolean openverse, List<String> agents) throws Exception {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                agents.add(String.valueOf(r.getHeaders().get("User-Agent")));
                try {
                    StringBuilder b = new StringBuilder();
                    if (openverse) {
                        int n = Integer.parseInt(r.getUrl().queryParameter("page_size"));
                        int page = Integer.parseInt(r.getUrl().queryParameter("page")) - 1;
                        JsonNode p = pool(endpoint, r.getUrl().queryParameter("q"), n, page);
                        b.append("{\"result_count\":").append(p.get("total").asInt()).append(",\"page_count\":20,\"results\":[");
                        int i = 0;
                        for (JsonNode x : p.get("results")) {
                            b.append(i++ > 0 ? "," : "").append(JSON.createObjectNode().put("id", "ov-" + x.get("id").asText())
                                    .put("title", x.get("caption").asText()).put("url", "https://example.org/original.tif")
                                    .put("thumbnail", x.get("url").asText()).put("foreign_landing_url", "https://example.org/p/"
                                            + x.get("id").asText()).put("creator", "Ann").put("license", "cc0"));
                        }
                        b.append("]}");
                    } else {
                        int n = Integer.parseInt(r.getUrl().queryParameter("gsrlimit"));
                        String off = r.getUrl().queryParameter("gsroffset");
                        int from = off == null ? 0 : Integer.parseInt(off);
                        String q = r.getUrl().queryParameter("gsrsearch").replaceFirst("^filetype:bitmap ", "");
                        JsonNode p = pool(endpoint, q, n, from / n);
                        b.append("{");
                        if (from + n < p.get("total").asInt()) {
                            b.append("\"continue\":{\"gsroffset\":").append(from + n).append(",\"continue\":\"gsroffset||\"},");
                        }
                        b.append("\"query\":{\"pages\":[");
                        int i = 0;
                        for (JsonNode x : p.get("results")) {
                            var info = JSON.createObjectNode().put("thumburl", x.get("url").asText())
                                    .put("url", "https://example.org/original.tif")
                                    .put("descriptionurl", "https://commons.example/File:" + x.get("id").asText());
                            var meta = info.putObject("extmetadata");
                            meta.putObject("LicenseShortName").put("value", "CC BY-SA 4.0");
                            meta.putObject("Artist").put("value", "<a href='u'>Bo</a>");
                            var page = JSON.createObjectNode().put("pageid", i + 1000).put("title", "File:x.png").put("index", i + 1);
                            page.putArray("imageinfo").add(info);
                            b.append(i++ > 0 ? "," : "").append(page);
                        }
                        b.append("]}}");
                    }
                    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(b.toString()).build();
                } catch (Exception e) {
                    return new MockResponse.Builder().code(500).body(String.valueOf(e)).build();
                }
            }
        });
        s.start();
        return s;
    }

    @Test
    void twoIterationsAgainstMixedEnginesRecordProvenanceAndCredits() throws Exception {
        List<String> agents = new CopyOnWriteArrayList<>();
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            String endpoint = ExplorationTest.endpoint(server);
            try (MockWebServer ov = engine(endpoint, true, agents); MockWebServer wm = engine(endpoint, false, agents)) {
                List<String> sets = new ArrayList<>(world.settings(endpoint, tmp.resolve("runs"), "web"));
                sets.addAll(List.of("run.iterations=2", "search.engines=openverse:0.5,wikimedia:0.5",
                        "search.openverseUrl=" + ov.url("/v1/images/"), "search.wikimediaUrl=" + wm.url("/w/api.php"),
                        "search.budgets=openverse:1000/day,wikimedia:1000/day", "search.licences=cc0,by-sa",
                        "download.contact=ops@example.org", "eval.linearProbe=false"));
                ExplorerConfig c = ConfigLoader.builder().sets(sets).load();
                Path dir = c.run().runDirectory();
                try (Session s = Session.open(RunDirectory.create(dir, c))) {
                    s.exploration().runToEnd();
                }
                List<JsonNode> rewards = ExplorationTest.lines(dir.resolve(RunDirectory.REWARDS));
                assertEquals(8, rewards.size(), "2 iterations x 4 queries");
                Set<String> engines = new HashSet<>();
                int images = 0;
                for (JsonNode r : rewards) {
                    String e = r.path("engine").asText(null);
                    assertNotNull(e, "each query records which engine answered: " + r);
                    engines.add(e);
                    for (JsonNode img : r.get("images")) {
                        images++;
                        assertEquals(e, img.get("engine").asText());
                        assertEquals(e.equals("openverse") ? "cc0" : "by-sa", img.get("licence").asText());
                        assertEquals(e.equals("openverse") ? "Ann" : "Bo", img.get("creator").asText());
                        assertTrue(img.get("page").asText().startsWith("https://"), img.toString());
                    }
                    assertTrue(r.hasNonNull("score"), "the engines' thumbnails were downloaded and scored: " + r);
                }
                assertEquals(Set.of("openverse", "wikimedia"), engines, "the mix used both engines");
                assertTrue(images >= 16, "images recorded: " + images);

                List<String> credits = Files.readAllLines(dir.resolve("credits.csv"));
                assertEquals("image,creator,licence,source_page,engine,url", credits.get(0));
                JsonNode state = JSON.readTree(dir.resolve(RunDirectory.STATE).toFile());
                int replay = state.path("loop").path("replay").size();
                assertTrue(replay > 0);
                assertEquals(replay + 1, credits.size(), "one credit line per replay image");
                for (String line : credits.subList(1, credits.size())) {
                    String[] f = line.split(",", -1);
                    assertTrue(Files.exists(dir.resolve(f[0])), f[0]);
                    assertTrue(f[2].equals("cc0") || f[2].equals("by-sa"), line);
                }

                JsonNode stats = JSON.readTree(dir.resolve(EngineStats.FILE).toFile());
                assertEquals(2, stats.size());
                long requests = 0;
                for (JsonNode st : stats) {
                    assertEquals("closed", st.get("breaker").asText());
                    assertEquals(0, st.get("failures").asLong());
                    requests += st.get("requests").asLong();
                }
                assertEquals(agents.size(), requests, "every request the engines saw was counted");
                for (String ua : agents) {
                    assertTrue(ua.contains("ops@example.org"), ua);
                }
                var report = dev.explorer.report.RunReader.read(dev.explorer.report.RunReader.Options.of(dir));
                assertEquals(List.of("openverse", "wikimedia"), report.engines().stream().map(e -> e.engine()).toList());
                long queries = 0;
                for (var e : report.engines()) {
                    queries += e.queries();
                    assertNotNull(e.requests(), "breaker state and counters from engines.json");
                    assertEquals(Set.of(e.engine().equals("openverse") ? "cc0" : "by-sa"), e.licences().keySet());
                }
                assertEquals(8, queries);
                java.io.StringWriter out = new java.io.StringWriter();
                assertEquals(0, dev.explorer.agent.cli.Main.run(new String[] {"report", dir.toString()},
                        new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true)));
                assertTrue(out.toString().contains("Engines") && out.toString().contains("breaker closed"), out.toString());
                assertTrue(Files.readString(dir.resolve("report.html")).contains("id=\"engines\""));

                String config = Files.readString(dir.resolve("config.yaml"));
                assertTrue(config.contains("openverseTokenEnv: OPENVERSE_TOKEN") || config.contains("OPENVERSE_TOKEN"),
                        "config.yaml names the variable");
            }
        }
    }
}
