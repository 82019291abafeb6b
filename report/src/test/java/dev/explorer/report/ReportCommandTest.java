package dev.explorer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.cli.UsageException;
import dev.explorer.report.RunReport.ConceptSummary;
import dev.explorer.report.RunReport.IterationSummary;
import dev.explorer.report.RunReport.LogProblem;
import dev.explorer.report.RunReport.Status;
import dev.explorer.report.cli.ReportCommand;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ReportCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // as Main does: user errors exit 2 with the message
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println("explorer: " + ex.getMessage());
            return ex instanceof UsageException ? 2 : 1;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private RunReport read(Path dir) throws IOException {
        return RunReader.read(RunReader.Options.of(dir).withGroundTruth(SyntheticRun.groundTruthOf(dir), List.of("animal", "plant")));
    }

    @Test
    @SuppressWarnings("try") // the open run only holds the lock, as the loop does
    void knownRunInProgressGivesTheKnownNumbers() throws Exception {
        Path dir = tmp.resolve("known");
        try (RunDirectory run = SyntheticRun.known(dir)) {
            RunReport r = read(dir);
            assertEquals(Status.RUNNING, r.status(), r.statusText());
            assertEquals(ProcessHandle.current().pid(), r.writerPid());
            assertTrue(r.statusText().contains("iteration 2 in progress"), r.statusText());
            assertEquals(2, r.completedIterations());
            assertEquals(4, r.plannedIterations());
            assertEquals("known", r.name());
            assertEquals(3, r.iterations().size());

            IterationSummary i0 = r.iterations().get(0);
            assertEquals("committed", i0.state());
            assertEquals(3, i0.queries());
            assertEquals(2, i0.scored());
            assertEquals(1, i0.dropped());
            assertEquals(5, i0.downloaded());
            assertEquals(3, i0.kept());
            assertEquals(0.4, i0.meanScore(), EPS);
            assertEquals(0.5, i0.bestScore(), EPS);
            assertEquals(0.8, i0.relevantFraction(), EPS);
            assertEquals(4, i0.relevantImages());
            assertEquals(5, i0.judgedImages());
            assertEquals(0.25, i0.knnAccuracy(), EPS);
            assertEquals(6.0, i0.totalSeconds(), EPS);
            assertEquals(List.of("sample", "search", "download"), new ArrayList<>(i0.seconds().keySet()));
            assertEquals(Map.of("timeout", 1L), i0.failures());
            assertEquals(0.5, i0.tierMass().get("top250"), EPS);
            // rewards .6 .4 .3 .2 .1
            assertEquals(5, i0.rewards().n());
            assertEquals(0.1, i0.rewards().min(), 1e-6);
            assertEquals(0.2, i0.rewards().q1(), 1e-6);
            assertEquals(0.3, i0.rewards().median(), 1e-6);
            assertEquals(0.4, i0.rewards().q3(), 1e-6);
            assertEquals(0.6, i0.rewards().max(), 1e-6);
            assertEquals(0.32, i0.rewards().mean(), 1e-6);

            IterationSummary i1 = r.iterations().get(1);
            assertEquals("committed", i1.state());
            assertEquals(2, i1.queries());
            assertEquals(3, i1.downloaded());
            assertEquals(3, i1.kept());
            assertEquals(0.425, i1.meanScore(), EPS);
            assertEquals(0.75, i1.bestScore(), EPS);
            assertEquals(0.5, i1.relevantFraction(), EPS); // G animal, I footwear; H is not in the ground truth
            assertEquals(18.0, i1.totalSeconds(), EPS);
            assertEquals(0.5, i1.knnAccuracy(), EPS);

            IterationSummary i2 = r.iterations().get(2);
            assertEquals("in progress", i2.state());
            assertEquals(1, i2.queries());
            assertEquals(0.9, i2.meanScore(), EPS);
            assertEquals(1.0, i2.relevantFraction(), EPS);
            assertNull(i2.knnAccuracy());
            assertNull(i2.totalSeconds());

            assertEquals(List.of("dog", "cat", "sneaker"), r.topObserved().stream().map(ConceptSummary::concept).toList());
            assertEquals(0.625, r.topObserved().get(0).meanScore(), EPS);
            assertEquals(0.6, r.topObserved().get(1).meanScore(), EPS);
            assertEquals(List.of("cat", "dog", "sneaker"), r.topPredicted().stream().map(ConceptSummary::concept).toList());
            assertEquals(0.5, r.topPredicted().get(0).predictedMean(), EPS);
            assertEquals(List.of(0.8, 0.6, 0.6), r.topObserved().get(0).bestImages().stream().map(RunReport.BestImage::reward).toList());
            assertEquals(Map.of("timeout", 1L, "too-large", 1L), r.failures());
            assertEquals(Map.of("too-few-results", 1L), r.dropped());
            assertEquals(Map.of(RunDirectory.REWARDS, 1L), r.uncommittedLines());
            assertEquals(1, r.groundTruth().downloadedNotInFile());
            assertEquals(9, r.groundTruth().images());
            // the eval file's bad line is reported with file and line
            assertEquals(List.of(new LogProblem("known-eval.jsonl", 10, "malformed JSON, skipped")), r.problems());
            assertEquals(2, r.details().scatterIteration(), "scatter: the latest iteration with predictions");
            assertEquals(1, r.details().scatter().size());

            // the loop is half way through appending a line: not a problem while it runs
            Files.writeString(dir.resolve(RunDirectory.REWARDS), "{\"iteration\":2,\"conceptId\":\"id-", StandardOpenOption.APPEND);
            RunReport mid = read(dir);
            assertEquals(1, mid.problemCount(), mid.problems().toString());
            assertTrue(mid.notes().contains("rewards.jsonl: the last line is still being written; left for the next refresh"),
                    mid.notes().toString());
            assertEquals(Map.of(RunDirectory.REWARDS, 2L), mid.uncommittedLines());
        }
        // the process is gone, iteration 2 never committed: crashed
        RunReport r = read(dir);
        assertEquals(Status.CRASHED, r.status(), r.statusText());
        assertNull(r.writerPid());
        assertEquals("uncommitted", r.iterations().get(2).state());
        assertTrue(r.statusText().contains("explorer resume"), r.statusText());
        // now the cut line is what a crash left: reported with its line number
        assertEquals(new LogProblem(RunDirectory.REWARDS, 7, "truncated: the last line has no newline (31 bytes; "
                + "a writer was cut off mid-line), skipped"), r.problems().get(1));
    }

    @Test
    void terminalSummaryJsonAndPageAndTheRunIsNotModified() throws Exception {
        Path dir = tmp.resolve("known");
        SyntheticRun.known(dir).close();
        Map<String, String> before = snapshot(dir);
        Result text = run(dir.toString(), "--ground-truth", SyntheticRun.groundTruthOf(dir).toString(), "--relevant", "animal,plant");
        assertEquals(0, text.code(), text.err());
        String[] lines = text.out().split("\n");
        assertTrue(text.out().contains("Status: crashed:"), text.out());
        // iteration rows: iter state queries dropped distinct new res/img kept mean best rel-share new-rel unique-rel
        // rel/result k-NN time
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.matches(
                "\\s+0\\s+committed\\s+3\\s+1\\s+5\\s+5\\s+1\\s+3\\s+0\\.4\\s+0\\.5\\s+0\\.8\\s+4\\s+4\\s+0\\.8\\s+0\\.25\\s+6")),
                text.out());
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.matches(
                "\\s+2\\s+uncommitted\\s+1\\s+0\\s+1\\s+1\\s+1\\s+1\\s+0\\.9\\s+0\\.9\\s+1\\s+1\\s+6\\s+1\\s+-\\s+-")),
                text.out());
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.matches("\\s+1\\s+dog\\s+0\\.625\\s+0\\.75\\s+2\\s+id-dog")), text.out());
        assertTrue(text.out().contains("Failed images by kind: timeout 1, too-large 1")
                || text.out().contains("Failed images by kind: too-large 1, timeout 1"), text.out());
        assertTrue(text.out().contains("known-eval.jsonl:10  malformed JSON"), text.out());
        Path page = dir.resolve("report.html");
        assertTrue(Files.isRegularFile(page));
        String html = Files.readString(page);
        assertEquals(6, count(html, "<svg class=\"chart\""));
        assertEquals(0, count(html, "http://127.0.0.1"), "no link to the outside in the page");
        // thumbnails: dog G A H, cat D E K, sneaker I, in both rankings
        assertEquals(14, count(html, "src=\"data:image/png;base64,"));

        Result json = run(dir.toString(), "--json", "--no-html", "--ground-truth", SyntheticRun.groundTruthOf(dir).toString(),
                "--relevant", "animal, PLANT");
        assertEquals(0, json.code(), json.err());
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertEquals("CRASHED", n.get("status").asText());
        assertEquals(3, n.get("iterations").size());
        assertEquals(0.8, n.get("iterations").get(0).get("relevantFraction").asDouble(), EPS);
        assertEquals(0.425, n.get("iterations").get(1).get("meanScore").asDouble(), EPS);
        assertEquals("dog", n.get("topObserved").get(0).get("concept").asText());
        assertEquals(List.of("animal", "plant"), List.of(n.get("groundTruth").get("relevantTopics").get(0).asText(),
                n.get("groundTruth").get("relevantTopics").get(1).asText()));
        assertTrue(n.get("html").isNull());

        // nothing in the run changed but report.html
        Map<String, String> after = snapshot(dir);
        after.remove("report.html");
        assertEquals(before, after);
    }

    @Test
    void malformedAndTruncatedLinesAreReportedWithFileAndLineAndSkipped() throws Exception {
        Path dir = tmp.resolve("known");
        SyntheticRun.known(dir).close();
        Path rewards = dir.resolve(RunDirectory.REWARDS);
        List<String> lines = new ArrayList<>(Files.readAllLines(rewards));
        assertEquals(6, lines.size());
        lines.add(1, "{\"iteration\":0,\"conceptId\":\"id-x\",\"query\":\"broken"); // line 2: cut JSON
        lines.add(3, "[1,2,3]"); // line 4
        lines.add(4, "{\"iteration\":\"zero\",\"conceptId\":\"id-y\"}"); // line 5
        lines.add(5, ""); // line 6
        lines.add(6, "{\"iteration\":1,\"conceptId\":\"id-z\",\"images\":\"not a list\"}"); // line 7
        Files.write(rewards, lines, StandardCharsets.UTF_8);
        // a line cut off mid-write at the end (line 12), and a bad iteration line (line 3)
        Files.writeString(rewards, "{\"iteration\":2,\"conceptId\":\"id-cat\",\"sco", StandardOpenOption.APPEND);
        Path its = dir.resolve(RunDirectory.ITERATIONS);
        Files.writeString(its, "{\"iteration\": 5, \"seconds\": {\"sample\": \n", StandardOpenOption.APPEND);

        RunReport r = read(dir);
        List<LogProblem> rp = r.problems().stream().filter(p -> !p.file().endsWith("eval.jsonl")).toList();
        assertEquals(List.of(2L, 4L, 5L, 6L, 7L, 12L), rp.stream().filter(p -> p.file().equals(RunDirectory.REWARDS))
                .map(LogProblem::line).toList(), rp.toString());
        assertTrue(rp.get(0).problem().startsWith("malformed JSON"), rp.get(0).problem());
        assertTrue(rp.get(1).problem().startsWith("not a JSON object"), rp.get(1).problem());
        assertTrue(rp.get(2).problem().startsWith("not a query record"), rp.get(2).problem());
        assertTrue(rp.get(3).problem().startsWith("empty line"), rp.get(3).problem());
        assertTrue(rp.get(4).problem().startsWith("not a query record"), rp.get(4).problem());
        assertTrue(rp.get(5).problem().startsWith("truncated"), rp.get(5).problem());
        LogProblem itp = rp.stream().filter(p -> p.file().equals(RunDirectory.ITERATIONS)).findFirst().orElseThrow();
        assertEquals(3, itp.line());
        assertTrue(itp.problem().startsWith("malformed JSON"), itp.problem());
        assertEquals(8, r.problemCount()); // 6 + 1 + the eval file's line
        // the good lines still give the known numbers
        assertEquals(3, r.iterations().get(0).queries());
        assertEquals(0.4, r.iterations().get(0).meanScore(), EPS);
        assertEquals(0.425, r.iterations().get(1).meanScore(), EPS);
        assertEquals(1, r.iterations().get(2).queries());

        Result text = run(dir.toString(), "--no-html");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Log problems (7 lines skipped or suspect)"), text.out());
        assertTrue(text.out().contains("rewards.jsonl:12  truncated"), text.out());
        assertTrue(text.out().contains("iterations.jsonl:3  malformed JSON"), text.out());
    }

    @Test
    @SuppressWarnings("try") // the open run only holds the lock, as the loop does
    void followRefreshesWhileRunningAndStopsWhenTheRunStops() throws Exception {
        Path dir = tmp.resolve("known");
        try (RunDirectory run = SyntheticRun.known(dir)) {
            Result r = run(dir.toString(), "--follow", "--interval", "0.05", "--refreshes", "3", "--json", "--no-html");
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(3, lines.size(), "one JSON line per refresh");
            for (String l : lines) {
                assertEquals("RUNNING", new ObjectMapper().readTree(l).get("status").asText());
            }
            Result t = run(dir.toString(), "--follow", "--interval", "0.05", "--refreshes", "2", "--no-html");
            assertEquals(2, count(t.out(), "Status: running"), t.out());
        }
        // not running any more: one refresh, then it stops by itself although 5 were allowed
        Result r = run(dir.toString(), "--follow", "--interval", "0.05", "--refreshes", "5", "--no-html");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, count(r.out(), "Status: crashed"), r.out());
        assertTrue(r.err().contains("stopped following"), r.err());
    }

    @Test
    void finishedStoppedAndEmptyRuns() throws Exception {
        Path big = tmp.resolve("big");
        SyntheticRun.big(big, 3, 5, 4, 1);
        RunReport r = RunReader.read(RunReader.Options.of(big));
        assertEquals(Status.FINISHED, r.status(), r.statusText());
        assertEquals(List.of("committed", "committed", "committed"), r.iterations().stream().map(IterationSummary::state).toList());
        assertTrue(r.uncommittedLines().isEmpty());

        Path fresh = tmp.resolve("fresh");
        RunDirectory.create(fresh, dev.explorer.config.ConfigLoader.builder().set("run.iterations=3").load()).close();
        RunReport e = RunReader.read(RunReader.Options.of(fresh));
        assertEquals(Status.STOPPED, e.status());
        assertTrue(e.iterations().isEmpty());
        Result t = run(fresh.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("No query logged yet"), t.out());
        assertTrue(t.out().contains("explorer resume"), t.out());
        assertEquals(6, count(Files.readString(fresh.resolve("report.html")), "<svg class=\"chart\""));
    }

    @Test
    void userErrorsSayWhatToDo() throws Exception {
        Path dir = tmp.resolve("known");
        SyntheticRun.known(dir).close();
        Result noRel = run(dir.toString(), "--ground-truth", SyntheticRun.groundTruthOf(dir).toString());
        assertEquals(2, noRel.code());
        assertTrue(noRel.err().contains("--relevant"), noRel.err());
        Result badTopic = run(dir.toString(), "--ground-truth", SyntheticRun.groundTruthOf(dir).toString(), "--relevant", "animals");
        assertEquals(2, badTopic.code());
        assertTrue(badTopic.err().contains("[animal, footwear, object, plant, vehicle]"), badTopic.err());
        Result notRun = run(tmp.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("is not a run directory"), notRun.err());
        Result absent = run(tmp.resolve("nope").toString());
        assertEquals(2, absent.code());
        assertTrue(absent.err().contains("no run directory"), absent.err());
        Result clobber = run(dir.toString(), "--html", dir.resolve("state.json").toString());
        assertEquals(2, clobber.code());
        assertTrue(clobber.err().contains("would replace the run's state.json"), clobber.err());
        // a pool directory works too: its eval.jsonl is used
        Path pool = Files.createDirectories(tmp.resolve("pool"));
        Files.copy(SyntheticRun.groundTruthOf(dir), pool.resolve("eval.jsonl"));
        Result viaPool = run(dir.toString(), "--no-html", "--json", "--ground-truth", pool.toString(), "--relevant", "footwear");
        assertEquals(0, viaPool.code(), viaPool.err());
        JsonNode vp = new ObjectMapper().readTree(viaPool.out());
        assertEquals(0.5, vp.get("iterations").get(1).get("relevantFraction").asDouble(), EPS); // I footwear of G, I
        assertEquals(0.0, vp.get("iterations").get(0).get("relevantFraction").asDouble(), EPS);
        Result emptyPool = run(dir.toString(), "--ground-truth", tmp.resolve("out").toString(), "--relevant", "animal");
        assertEquals(2, emptyPool.code());
        Result custom = run(dir.toString(), "--html", tmp.resolve("out/page.html").toString());
        assertEquals(0, custom.code(), custom.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out/page.html")));
        assertFalse(Files.exists(dir.resolve("report.html")));
    }

    @Test
    @SuppressWarnings("try") // the open run only holds the lock, as the loop does
    void lockProbeReadsTheKernelLockTable() throws Exception {
        Path dir = tmp.resolve("known");
        try (RunDirectory run = SyntheticRun.known(dir)) {
            LockProbe.Holder h = LockProbe.probe(dir.resolve(".lock"));
            assertTrue(h.known());
            assertEquals(ProcessHandle.current().pid(), h.pid());
            // a lock table that cannot be read: unknown, never a guess
            LockProbe.Holder u = LockProbe.probe(dir.resolve(".lock"), tmp.resolve("no-such-table"));
            assertFalse(u.known());
        }
        assertNull(LockProbe.probe(dir.resolve(".lock")).pid());
        assertNotNull(LockProbe.probe(dir.resolve(".lock")));
        assertThrows(UsageException.class, () -> RunReader.read(RunReader.Options.of(tmp.resolve("absent"))));
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** Every file under dir with its size and content hash. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                m.put(dir.relativize(p).toString(), b.length + ":" + SyntheticRun.sha256(b) + ":" + Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    @Test
    void discoveryIsCountedByDistinctImagesNotByResults() throws Exception {
        Path dir = tmp.resolve("distinct");
        List<String> gt = new ArrayList<>();
        try (RunDirectory run = RunDirectory.create(dir, ConfigLoader.builder().set("run.name=distinct").load())) {
            // A is returned by two queries of iteration 0 and again in iteration 1
            SyntheticRun.query(run, gt, 0, "dog", null, null, 0.5, null, SyntheticRun.ok("A", 0.6, true, "animal"),
                    SyntheticRun.ok("B", 0.4, false, "plant"));
            SyntheticRun.query(run, gt, 0, "puppy", null, null, 0.4, null, SyntheticRun.ok("A", 0.6, true, "animal"),
                    SyntheticRun.ok("C", 0.1, false, "object"));
            run.commit(1, null);
            SyntheticRun.query(run, gt, 1, "dog", null, null, 0.7, null, SyntheticRun.ok("A", 0.6, true, "animal"),
                    SyntheticRun.ok("D", 0.8, true, "animal"));
            run.commit(2, null);
        }
        Files.write(SyntheticRun.groundTruthOf(dir), new java.util.LinkedHashSet<>(gt));
        RunReport r = RunReader.read(RunReader.Options.of(dir).withGroundTruth(SyntheticRun.groundTruthOf(dir),
                List.of("animal", "plant")));
        RunReport.Discovery d0 = r.iterations().get(0).discovery();
        assertEquals(new RunReport.Discovery(3, 3, 4 / 3.0, 2 / 3.0, 2L, 2L), d0);
        assertEquals(0.75, r.iterations().get(0).relevantFraction(), EPS); // A counted twice per result
        RunReport.Discovery d1 = r.iterations().get(1).discovery();
        assertEquals(new RunReport.Discovery(2, 1, 1.0, 1.0, 1L, 3L), d1);
        String text = TextReport.render(r);
        assertTrue(text.contains("unique rel"), text);
    }
}
