package dev.explorer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.json as a typed record: the first release's format still reads; damage is named, never guessed. */
class RunStateTest {
    @TempDir
    Path tmp;

    @Test
    void aStateFileOfTheFirstReleaseReads() throws Exception {
        Path f = tmp.resolve("state.json");
        try (InputStream in = getClass().getResourceAsStream("/run/state-v1.json")) {
            Files.write(f, in.readAllBytes());
        }
        RunState s = RunDirectory.readState(f);
        assertEquals(3, s.completedIterations());
        assertEquals(136016L, s.committedLength(RunDirectory.REWARDS));
        assertEquals("checkpoints/iteration-0003.ckpt", s.loop().checkpoint());
        assertEquals(new LoopState.Observation(28, 0.4631141901016235), s.loop().observations().get(0));
        assertEquals(3, s.loop().observations().size());
        assertEquals(new LoopState.Kept("23839a275aff8b0968365333eaaabd76b62a3b6dcd1ef50f7065a7ed451cdbb1", 0.6936278343200684, 0),
                s.loop().replay().get(0));
        assertEquals(Map.of(), s.loop().cursors());
        // and it writes back in the same compact shape
        String json = RunDirectory.JSON.writeValueAsString(s);
        assertTrue(json.contains("\"observations\":[[28,0.4631141901016235]"), json);
        assertEquals(s, RunDirectory.JSON.readValue(json, RunState.class));
    }

    @Test
    void damagedStatesAreNamedNotGuessed() throws Exception {
        Path f = tmp.resolve("state.json");
        for (String bad : List.of("", "   ", "[1,2]", "{\"completedIterations\":\"two\",\"logLengths\":{},\"loop\":{}}",
                "{\"completedIterations\":-1}", "{\"logLengths\":{}}",
                "{\"completedIterations\":1,\"logLengths\":{\"rewards.jsonl\":\"x\"},\"loop\":{\"checkpoint\":\"c\"}}",
                "{\"completedIterations\":1,\"logLengths\":{},\"loop\":{\"checkpoint\":\"c\",\"observations\":[[\"a\",1]]}}",
                "{\"completedIterations\":1,")) {
            Files.writeString(f, bad);
            RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunDirectory.readState(f), bad);
            assertEquals(RunDirectoryException.Kind.DAMAGED, e.kind(), bad);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("--rollback-to"), e.getMessage());
        }
    }

    @Test
    void aLogShorterThanItsCommittedLengthIsRefusedAndLeftAlone() throws Exception {
        Path dir = tmp.resolve("run");
        ExplorerConfig config = ConfigLoader.builder().set("run.name=t").load();
        try (RunDirectory run = RunDirectory.create(dir, config)) {
            run.rewards().append(Map.of("q", "dog"));
            run.rewards().append(Map.of("q", "cat"));
            run.commit(1, new LoopState("checkpoints/iteration-0001.ckpt", null, null, List.of(), Map.of(), null));
        }
        Path rewards = dir.resolve(RunDirectory.REWARDS);
        String full = Files.readString(rewards);
        Files.writeString(rewards, full.substring(0, full.length() - 5)); // torn: the last committed line lost its end
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunDirectory.open(dir));
        assertTrue(e.getMessage().contains(rewards.toString()) && e.getMessage().contains("committed"), e.getMessage());
        assertEquals(full.length() - 5, Files.size(rewards)); // nothing cut, nothing appended
        Files.writeString(rewards, full.replace("cat", "ca\n")); // same length, but the committed part does not end a line
        Files.writeString(rewards, full.substring(0, full.length() - 1) + "x");
        assertThrows(RunDirectoryException.class, () -> RunDirectory.open(dir));
        Files.writeString(rewards, full);
        RunDirectory.open(dir).close();
    }

    @Test
    void commitKeepsTheNamedCheckpointWhenPruningAndRollbackMovesLaterLinesAside() throws Exception {
        Path dir = tmp.resolve("prune");
        ExplorerConfig config = ConfigLoader.builder().set("run.name=p").set("run.keepCheckpoints=1").load();
        try (RunDirectory run = RunDirectory.create(dir, config)) {
            commitThree(run, i -> assertTrue(Files.exists(run.checkpoint(i)), "the committed checkpoint " + i
                    + " survives pruning"));
            assertEquals(List.of(3), RunDirectory.restorableIterations(dir));
        }
        // keep two, then roll back from 3 to 2: the lines of iteration 3 move aside, nothing is deleted
        Path dir2 = tmp.resolve("rollback");
        ExplorerConfig keep2 = ConfigLoader.builder().set("run.name=r").set("run.keepCheckpoints=2").load();
        try (RunDirectory run = RunDirectory.create(dir2, keep2)) {
            commitThree(run, i -> { });
            assertEquals(List.of(2, 3), RunDirectory.restorableIterations(dir2));
            run.rollback(2);
            assertEquals(2, run.state().completedIterations());
            run.rewards().append(Map.of("iteration", 33));
            run.commit(3, new LoopState("checkpoints/iteration-0003.ckpt", null, null, List.of(), Map.of(), null));
        }
        assertEquals(List.of("{\"iteration\":1}", "{\"iteration\":2}", "{\"iteration\":33}"),
                Files.readAllLines(dir2.resolve(RunDirectory.REWARDS)));
        assertEquals(List.of("{\"iteration\":3}"), Files.readAllLines(dir2.resolve(RunDirectory.REWARDS + ".rolled-back-3")));
    }

    /** Commits iterations 1-3, each with a checkpoint file and one log line; {@code after} runs after each commit. */
    private static void commitThree(RunDirectory run, java.util.function.IntConsumer after) throws Exception {
        for (int i = 1; i <= 3; i++) {
            Files.writeString(run.checkpoint(i), "weights " + i);
            run.rewards().append(Map.of("iteration", i));
            run.commit(i, new LoopState(run.dir().relativize(run.checkpoint(i)).toString(), null, null, List.of(), Map.of(),
                    null));
            after.accept(i);
        }
    }

    @Test
    void resumeAcceptsOnlySettingsThatKeepTheRunsMeaning() throws Exception {
        Path dir = tmp.resolve("over");
        RunDirectory.create(dir, ConfigLoader.builder().set("run.name=o").load()).close();
        try (RunDirectory run = RunDirectory.open(dir, List.of("search.endpoint=http://127.0.0.1:9999", "download.concurrency=3"))) {
            assertEquals("http://127.0.0.1:9999", run.config().search().endpoint());
        }
        try (RunDirectory run = RunDirectory.open(dir)) { // kept in config.yaml for the next resume
            assertEquals("http://127.0.0.1:9999", run.config().search().endpoint());
            assertEquals(3, run.config().download().concurrency());
        }
        String before = Files.readString(dir.resolve(RunDirectory.CONFIG), StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class,
                () -> RunDirectory.open(dir, List.of("train.lr=0.5", "reward.k=3", "run.keepCheckpoints=4")));
        assertEquals(List.of("train.lr", "reward.k"), e.problems().stream().map(p -> p.path()).toList());
        assertEquals(before, Files.readString(dir.resolve(RunDirectory.CONFIG), StandardCharsets.UTF_8));
    }
}
