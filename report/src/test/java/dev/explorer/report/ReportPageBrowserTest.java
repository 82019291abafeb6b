package dev.explorer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.explorer.run.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads report.html in real headless Chromium: no console error, no failed load, the six charts
 * with titles, axes and legends, thumbnails that decode, and a screenshot kept as a test artifact
 * under target/report-screenshots/. CI installs Debian's {@code chromium}; without it this test
 * fails in CI (env CI set) and is skipped elsewhere, saying how to install it.
 */
class ReportPageBrowserTest {
    static final Path ARTIFACTS = Path.of("target", "report-screenshots");
    static final List<String> CHART_TITLES = List.of(
            "Query score per iteration",
            "Relevant fraction and k-NN accuracy",
            "Image rewards per iteration",
            "Sampling mass held by the top tiers",
            "Time per phase",
            "Iteration 1: predicted vs observed query score");

    @TempDir
    Path tmp;

    static Path chromiumOrFail() {
        Path exe = Chromium.find();
        String why = "no Chromium found (looked for $EXPLORER_CHROMIUM, then chromium, chromium-browser, google-chrome on PATH); "
                + "install it with: apt-get install -y chromium";
        if (exe == null) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equals("false")) {
                fail(why + " (.ci/run must install it: CI must not skip the browser test)");
            }
            Assumptions.abort(why);
        }
        return exe;
    }

    @Test
    void pageLoadsWithoutErrorsAndShowsTheChartsAndThumbnails() throws Exception {
        Path exe = chromiumOrFail();
        Path dir = tmp.resolve("known");
        // a run that crashed in iteration 2; the scatter shows iteration 1, the latest committed one with predictions
        SyntheticRun.known(dir).close();
        ReportCommandTest.Result r = ReportCommandTest.run(dir.toString(), "--iteration", "1",
                "--ground-truth", SyntheticRun.groundTruthOf(dir).toString(), "--relevant", "animal,plant");
        assertEquals(0, r.code(), r.err());
        Path page = dir.resolve("report.html");
        Files.createDirectories(ARTIFACTS);
        Files.copy(page, ARTIFACTS.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        try (Chromium browser = Chromium.launch(exe, tmp.resolve("browser"), 1400, 1000)) {
            // first prove the checker sees errors at all: a broken script and a blocked outside load
            Path bad = tmp.resolve("bad.html");
            Files.writeString(bad, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                    + "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
                    + "<img src=\"http://127.0.0.1:9/x.png\"><script>noSuchFunction();</script></body></html>");
            browser.open(bad.toUri());
            List<String> badErrors = browser.errors();
            assertTrue(badErrors.stream().anyMatch(e -> e.contains("noSuchFunction")), badErrors.toString());
            assertTrue(badErrors.stream().anyMatch(e -> e.contains("Content Security Policy")), badErrors.toString());
            browser.clearEvents();

            browser.open(page.toUri());
            assertEquals(List.of(), browser.errors(), "console errors, exceptions or failed loads on the report page");

            JsonNode titles = browser.eval("Array.from(document.querySelectorAll('svg.chart')).map(s => s.querySelector(':scope > title').textContent)");
            List<String> got = new ArrayList<>();
            titles.forEach(t -> got.add(t.asText()));
            assertEquals(CHART_TITLES, got);
            // every chart that has data draws axes and a legend and has a non-zero size on screen
            assertEquals(6, browser.eval("Array.from(document.querySelectorAll('svg.chart')).filter(s => "
                    + "s.querySelector('g.axes') && s.querySelector('g.legend') && s.getBoundingClientRect().width > 300).length").asInt());
            assertEquals(2, browser.eval("document.querySelectorAll('#chart-score path.series').length").asInt());
            assertEquals(3, browser.eval("document.querySelectorAll('#chart-rewards g.box').length").asInt());
            assertEquals(2, browser.eval("document.querySelectorAll('#chart-time g.bar').length").asInt());
            assertEquals(2, browser.eval("document.querySelectorAll('#chart-scatter g.point').length").asInt());
            assertEquals(4, browser.eval("document.querySelectorAll('#chart-time g.legend rect').length").asInt(),
                    "one legend entry per phase: sample, search, download, train");
            // thumbnails are embedded and decode
            assertEquals(14, browser.eval("Array.from(document.images).filter(i => i.complete && i.naturalWidth == 24).length").asInt());
            assertEquals(3, browser.eval("document.querySelectorAll('#iterations tbody tr').length").asInt());
            // iteration 1's queries, best observed first: dog (0.75 vs predicted 0.45), sneaker
            assertEquals("a photo of dog|0.45 \u00b1 0.1|0.75|0.3", browser.eval("Array.from(document.querySelectorAll("
                    + "'#query-table tbody tr:first-child td')).slice(1, 5).map(td => td.textContent).join('|')").asText());
            assertTrue(browser.eval("document.getElementById('status').textContent").asText().startsWith("crashed"));

            byte[] png = browser.screenshot();
            Files.write(ARTIFACTS.resolve("report.png"), png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(1400, shot.getWidth());
            assertTrue(shot.getHeight() > 1500, "full page, not just the viewport: " + shot.getHeight());
            assertFalse(isBlank(shot), "the screenshot is blank");
        }
    }

    @Test
    void emptyRunPageLoadsToo() throws Exception {
        Path exe = chromiumOrFail();
        Path dir = tmp.resolve("fresh");
        RunDirectory.create(dir, dev.explorer.config.ConfigLoader.builder().set("run.iterations=3").load()).close();
        assertEquals(0, ReportCommandTest.run(dir.toString()).code());
        try (Chromium browser = Chromium.launch(exe, tmp.resolve("browser"), 1200, 900)) {
            browser.open(dir.resolve("report.html").toUri());
            assertEquals(List.of(), browser.errors());
            assertEquals(6, browser.eval("document.querySelectorAll('svg.chart > title').length").asInt());
            assertEquals(6, browser.eval("document.querySelectorAll('svg.chart text.empty').length").asInt(),
                    "each chart says it has no data yet");
            Files.createDirectories(ARTIFACTS);
            Files.write(ARTIFACTS.resolve("report-empty.png"), browser.screenshot());
        }
    }

    private static boolean isBlank(BufferedImage img) {
        int first = img.getRGB(0, 0);
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                if (img.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }
}
