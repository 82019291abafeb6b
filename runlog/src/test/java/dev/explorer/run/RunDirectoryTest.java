package dev.explorer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    record Line(int iteration, String query, double score) {}

    @Test
    void uncommittedLinesAreCutOnResumeAndCommittedOnesKept() throws Exception {
        ExplorerConfig config = ConfigLoader.builder().set("run.name=t").set("reward.k=7").load();
        Path dir = tmp.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, config)) {
            run.rewards().append(new Line(0, "dog", 0.5));
            run.rewards().append(new Line(0, "cat", 0.25));
            run.iterations().append(Map.of("iteration", 0));
            LoopState loop = new LoopState("checkpoints/iteration-0001.ckpt", null, List.of(new LoopState.Observation(42, 0.5)),
                    List.of(), java.util.Map.of(), null);
            RunState s = run.commit(1, loop);
            assertEquals(1, s.completedIterations());
            // iteration 1 starts, writes, and the process dies before commit
            run.rewards().append(new Line(1, "sneaker", 0.9));
            run.iterations().append(Map.of("iteration", 1));
        }
        assertEquals(3, Files.readAllLines(dir.resolve(RunDirectory.REWARDS)).size());
        try (RunDirectory run = RunDirectory.open(dir)) {
            assertEquals(config, run.config());
            assertEquals(1, run.state().completedIterations());
            assertEquals(42, run.state().loop().observations().get(0).conceptId());
            List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.REWARDS));
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(1).contains("\"cat\""));
            assertEquals(1, Files.readAllLines(dir.resolve(RunDirectory.ITERATIONS)).size());
            // redo iteration 1 and commit: exactly one copy of its lines
            run.rewards().append(new Line(1, "sneaker", 0.9));
            run.commit(2, run.state().loop());
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.REWARDS));
        assertEquals(3, lines.size());
        assertEquals(1, lines.stream().filter(l -> l.contains("sneaker")).count());
    }

    @Test
    void aSecondProcessCannotOpenARunInUse() throws Exception {
        Path dir = tmp.resolve("busy");
        try (RunDirectory run = RunDirectory.create(dir, ExplorerConfig.defaults())) {
            RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunDirectory.open(dir));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        RunDirectory.open(dir).close(); // free again
    }

    @Test
    void createRefusesAnExistingRunAndOpenRefusesANonRun() throws Exception {
        Path dir = tmp.resolve("r");
        RunDirectory.create(dir, ExplorerConfig.defaults()).close();
        RunDirectoryException again = assertThrows(RunDirectoryException.class, () -> RunDirectory.create(dir, ExplorerConfig.defaults()));
        assertTrue(again.getMessage().contains("explorer resume"), again.getMessage());
        Files.createDirectories(tmp.resolve("empty"));
        assertThrows(RunDirectoryException.class, () -> RunDirectory.open(tmp.resolve("empty")));
        assertThrows(RunDirectoryException.class, () -> RunDirectory.open(tmp.resolve("absent")));
    }

    @Test
    void atomicWriteLeavesNoTempFiles() throws Exception {
        Path f = tmp.resolve("s.json");
        for (int i = 0; i < 5; i++) {
            AtomicFiles.write(f, ("{\"i\":" + i + "}").getBytes());
        }
        assertEquals("{\"i\":4}", Files.readString(f));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }
}
