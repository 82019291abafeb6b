package dev.explorer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.report.RunReport.IterationSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run, 40 iterations x 250 queries (10,000 query lines, 40 results each, ~75 MB of
 * rewards.jsonl), reports in seconds and its totals match what was written.
 */
class ReportSpeedTest {
    @TempDir
    Path tmp;

    @Test
    void longRunReportsInSecondsWithMatchingTotals() throws Exception {
        Path dir = tmp.resolve("long");
        SyntheticRun.Totals t = SyntheticRun.big(dir, 40, 250, 40, 7);
        long size = Files.size(dir.resolve("rewards.jsonl"));
        long t0 = System.nanoTime();
        ReportCommandTest.Result r = ReportCommandTest.run(dir.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.code(), r.err());
        System.out.printf("report of 40 iterations x 250 queries (%.1f MB of rewards.jsonl): %.2f s including report.html%n",
                size / 1e6, seconds);

        RunReport rep = RunReader.read(RunReader.Options.of(dir));
        assertEquals(40, rep.iterations().size());
        assertEquals(10_000, rep.iterations().stream().mapToInt(IterationSummary::queries).sum());
        assertEquals(t.downloaded(), rep.iterations().stream().mapToLong(IterationSummary::downloaded).sum());
        assertEquals(t.kept(), rep.iterations().stream().mapToLong(IterationSummary::kept).sum());
        assertEquals(t.failed(), rep.failures().get("timeout"));
        assertEquals(t.dropped(), rep.dropped().get("too-few-results"));
        assertEquals(t.lastIterationBest(), rep.iterations().get(39).bestScore(), 1e-12);
        assertEquals(RunReport.Status.FINISHED, rep.status());
        assertTrue(r.out().contains("Status: finished"), r.out());
    }
}
