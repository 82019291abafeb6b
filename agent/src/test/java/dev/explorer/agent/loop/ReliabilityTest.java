package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.agent.cli.Main;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.run.RunDirectory;
import dev.explorer.run.RunDirectoryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faults a hostile probe found (issue: nothing lost, nothing wasted), each reproduced on a real run. */
class ReliabilityTest {
    @TempDir
    static Path tmp;
    static SmallWorld world;

    @BeforeAll
    static void buildWorld() throws Exception {
        world = SmallWorld.create(tmp.resolve("world"), 4);
    }

    static List<String> settings(String endpoint, String name, String... more) {
        List<String> s = new ArrayList<>(world.settings(endpoint, tmp.resolve("runs"), name));
        s.addAll(List.of(more));
        return s;
    }

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static String[] runArgs(List<String> sets) {
        List<String> a = new ArrayList<>(List.of("run"));
        for (String s : sets) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    @Test
    void anUnreachableEngineStopsTheRunInsteadOfCommittingEmptyIterations() throws Exception {
        List<String> sets = settings("http://127.0.0.1:1", "dead", "search.maxConsecutiveFailures=3");
        Result r = cli(runArgs(sets));
        assertEquals(Main.RUNTIME_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("failed 4 searches in a row") || r.err().contains("searches in a row"), r.err());
        assertTrue(r.err().contains("explorer resume"), r.err());
        assertFalse(r.out().contains("run finished"), r.out());
        Path dir = tmp.resolve("runs").resolve("dead");
        assertEquals(0, RunDirectory.peekState(dir).completedIterations());
        // resume with the engine's new address (a setting that keeps the run's meaning) finishes the run
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            Result resumed = cli("resume", dir.toString(), "--set", "search.endpoint=" + ExplorationTest.endpoint(server));
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(3, RunDirectory.peekState(dir).completedIterations());
        }
        Result refused = cli("resume", dir.toString(), "--set", "train.lr=0.5");
        assertEquals(Main.USAGE_ERROR, refused.code());
        assertTrue(refused.err().contains("cannot change on resume"), refused.err());
    }

    @Test
    void aTargetWithoutDecodableImagesIsRefusedByNameAndLeavesNoRunDirectory() throws Exception {
        Path target = tmp.resolve("lfs-target");
        Files.createDirectories(target);
        for (int i = 0; i < 3; i++) {
            Files.writeString(target.resolve("img" + i + ".png"),
                    "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n");
        }
        List<String> sets = settings("http://127.0.0.1:1", "lfs", "target.dir=" + target);
        Result r = cli(runArgs(sets));
        assertEquals(Main.USAGE_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("img0.png") && r.err().contains("do not"), r.err());
        assertFalse(Files.exists(tmp.resolve("runs").resolve("lfs")), "no run directory is left behind");

        // one bad file among good ones is left out by name; the run uses the others
        Path mixed = tmp.resolve("mixed-target");
        Files.createDirectories(mixed);
        try (var s = Files.list(world.target)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.copy(p, mixed.resolve(p.getFileName()));
            }
        }
        Files.writeString(mixed.resolve("pointer.png"), "version https://git-lfs.github.com/spec/v1\n");
        TargetSet t = TargetSet.load(mixed, null);
        assertEquals(8, t.images().size());
        assertTrue(t.images().stream().noneMatch(p -> p.getFileName().toString().equals("pointer.png")));
    }

    @Test
    void aDamagedLastCheckpointIsNamedAndTheRunRollsBackToTheOlderOne() throws Exception {
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            String endpoint = ExplorationTest.endpoint(server);
            ExplorerConfig c = ConfigLoader.builder().sets(settings(endpoint, "ckpt", "run.iterations=2")).load();
            Path dir = c.run().runDirectory();
            try (Session s = Session.start(c)) {
                s.exploration().runToEnd();
            }
            List<String> straight = Files.readAllLines(dir.resolve(RunDirectory.REWARDS));
            Path last = dir.resolve("checkpoints").resolve("iteration-0002.ckpt");
            byte[] good = Files.readAllBytes(last);
            Files.write(last, java.util.Arrays.copyOf(good, good.length / 2)); // truncated
            RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> Session.open(RunDirectory.open(dir)));
            assertTrue(e.getMessage().contains(last.toString()) && e.getMessage().contains("--rollback-to 1"), e.getMessage());
            assertEquals(good.length / 2, Files.size(last), "nothing was deleted or rewritten");

            Result r = cli("resume", dir.toString(), "--rollback-to", "1");
            assertEquals(0, r.code(), r.err());
            assertEquals(straight, Files.readAllLines(dir.resolve(RunDirectory.REWARDS)), "iteration 2 redone exactly");
            assertTrue(Files.exists(dir.resolve(RunDirectory.REWARDS + ".rolled-back-2")));
        }
    }

    @Test
    void anEndpointThatIsNotAUrlIsRefusedBeforeTheRunStarts() {
        for (String bad : List.of("http://[::1", "http://", "ftp://x", "http://h:8765/?q=1")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.builder().set("search.endpoint=" + bad).load(), bad);
            assertTrue(e.getMessage().contains("search.endpoint"), e.getMessage());
        }
    }
}
