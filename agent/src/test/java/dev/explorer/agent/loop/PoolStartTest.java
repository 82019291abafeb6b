package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.agent.start.PoolStart;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.encoder.CheckpointFile;
import dev.explorer.encoder.Encoder;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool start: built once per pool, architecture and recipe; reused while valid; rebuilt when
 * the pool, the architecture or the recipe changes; an interrupted build continues; a run's
 * config.yaml names the start it used; and without it (demo) the run says how to build it.
 */
class PoolStartTest {
    @TempDir
    static Path tmp;
    static SmallWorld world;

    @BeforeAll
    static void buildWorld() throws Exception {
        world = SmallWorld.create(tmp.resolve("world"), 4);
    }

    static ExplorerConfig config(String... more) {
        List<String> s = new ArrayList<>(List.of("run.cacheDir=" + tmp.resolve("cache"), "pool.dir=" + world.pool,
                "encoder.imageSize=16", "encoder.hiddenDim=32", "encoder.projectionDim=16", "train.batchSize=16",
                "encoder.startEpochs=1"));
        s.addAll(List.of(more));
        return ConfigLoader.builder().sets(s).load();
    }

    @Test
    void builtOnceReusedAndRebuiltWhenPoolArchitectureOrRecipeChange() throws Exception {
        List<String> said = new ArrayList<>();
        ExplorerConfig c = config();
        assertEquals(PoolStart.State.MISSING, PoolStart.status(c).state());

        // not allowed to build (the demo): one line that says what it would gain and the command
        assertNull(PoolStart.resolve(config("encoder.buildStart=false"), said::add));
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains("random weights") && said.get(0).contains("explorer start-encoder")
                && said.get(0).contains("min"), said.get(0));
        // the estimate is for the threads of the command it names: every core, or encoder.threads where more
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        assertTrue(said.get(0).contains("with " + threads + " PyTorch thread") && said.get(0).contains("time left"),
                said.get(0));
        List<String> eight = new ArrayList<>();
        PoolStart.resolve(config("encoder.buildStart=false", "encoder.threads=" + (threads + 6)), eight::add);
        assertTrue(eight.get(0).contains("with " + (threads + 6) + " PyTorch threads ("), eight.get(0));
        assertEquals(PoolStart.State.MISSING, PoolStart.status(c).state(), "nothing was built");

        Path ckpt = PoolStart.resolve(c, said::add);
        assertEquals(PoolStart.checkpoint(c), ckpt);
        assertTrue(said.stream().anyMatch(l -> l.contains("building the pool-pretrained start once")
                && l.contains("with 1 PyTorch thread (")), said.toString()); // a run builds with its own encoder.threads
        assertEquals(PoolStart.State.READY, PoolStart.status(c).state());
        JsonNode header = new ObjectMapper().readTree(ckpt.resolveSibling(ckpt.getFileName() + ".json").toFile());
        assertEquals("pool", header.get("pool").asText());
        assertEquals(64, header.get("poolFingerprint").asText().length());
        assertEquals(1, header.get("epochsDone").asInt());
        assertTrue(header.get("complete").asBoolean());
        assertEquals(CheckpointFile.readArchitecture(ckpt), header.get("architectureLine").asText());
        long built = Files.getLastModifiedTime(ckpt).toMillis();

        // valid: used as is, not rebuilt
        said.clear();
        assertEquals(ckpt, PoolStart.resolve(c, said::add));
        assertEquals(built, Files.getLastModifiedTime(ckpt).toMillis());
        assertTrue(said.get(0).contains("starting from the pool-pretrained encoder"), said.toString());

        // another recipe, another architecture (another file), another pool version
        PoolStart.Status s = PoolStart.status(config("train.lr=0.002"));
        assertEquals(PoolStart.State.STALE, s.state());
        assertTrue(s.reason().contains("recipe"), s.reason());
        // a setting added later is absent from the header at its default (older starts stay valid), part of it otherwise
        assertFalse(header.get("recipe").has("cropMinArea"));
        assertEquals(PoolStart.State.STALE, PoolStart.status(config("train.cropMinArea=0.08")).state());
        assertEquals(PoolStart.State.READY, PoolStart.status(config("train.cropMinArea=0.2")).state());
        assertEquals(PoolStart.State.MISSING, PoolStart.status(config("encoder.hiddenDim=48")).state());
        assertNotEquals(ckpt, PoolStart.checkpoint(config("encoder.hiddenDim=48")));
        Path manifest = world.pool.resolve("pool.json");
        String original = Files.readString(manifest);
        try {
            Files.writeString(manifest, original.replaceFirst("\\{", "{\"rebuilt\":true,"));
            s = PoolStart.status(c);
            assertEquals(PoolStart.State.STALE, s.state());
            assertTrue(s.reason().contains("version of the pool"), s.reason());
        } finally {
            Files.writeString(manifest, original);
        }
        assertEquals(PoolStart.State.READY, PoolStart.status(c).state());

        // random start on request; an explicit encoder.init wins
        assertNull(PoolStart.resolve(config("encoder.start=random"), said::add));
        assertNull(PoolStart.resolve(config("encoder.init=" + ckpt), said::add));
    }

    @Test
    void aHoldOutStartIsItsOwnFileAndNamesUnknownSources() throws Exception {
        ExplorerConfig whole = config("run.cacheDir=" + tmp.resolve("cache4"));
        ExplorerConfig without = config("run.cacheDir=" + tmp.resolve("cache4"), "encoder.startHoldOut=[shapes]");
        assertTrue(PoolStart.checkpoint(without).getFileName().toString().endsWith("-without-shapes.ckpt"),
                PoolStart.checkpoint(without).toString());
        assertNotEquals(PoolStart.checkpoint(whole), PoolStart.checkpoint(without));
        // the only source held out: nothing left to train on, and the error says so
        IOException none = assertThrows(IOException.class, () -> PoolStart.build(without, l -> { }));
        assertTrue(none.getMessage().contains("0 thumbnails outside encoder.startHoldOut=[shapes]"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PoolStart.build(config("run.cacheDir=" + tmp.resolve("cache4"), "encoder.startHoldOut=[fashion]"),
                        l -> { }));
        assertTrue(unknown.getMessage().contains("'fashion'") && unknown.getMessage().contains("[shapes]"),
                unknown.getMessage());
        assertEquals(PoolStart.State.MISSING, PoolStart.status(without).state());
        // a whole-pool start's header has no holdOut: starts built before the setting stay valid
        Path ckpt = PoolStart.build(whole, l -> { });
        JsonNode header = new ObjectMapper().readTree(ckpt.resolveSibling(ckpt.getFileName() + ".json").toFile());
        assertTrue(header.path("holdOut").isMissingNode(), header.toString());
        assertEquals(PoolStart.State.READY, PoolStart.status(whole).state());
    }

    @Test
    void anotherStartSeedIsAnotherDrawInItsOwnFileAndTheThreadsAreRecordedNotCompared() throws Exception {
        ExplorerConfig zero = config("run.cacheDir=" + tmp.resolve("cache5"));
        ExplorerConfig one = config("run.cacheDir=" + tmp.resolve("cache5"), "encoder.startSeed=1");
        assertTrue(PoolStart.checkpoint(one).getFileName().toString().endsWith("px-32x16-seed1.ckpt"),
                PoolStart.checkpoint(one).toString());
        assertFalse(PoolStart.checkpoint(zero).getFileName().toString().contains("seed"), "seed 0 keeps the old name");
        Path a = PoolStart.build(zero, l -> { });
        Path b = PoolStart.build(one, l -> { });
        assertEquals(PoolStart.State.READY, PoolStart.status(one).state());
        JsonNode header = new ObjectMapper().readTree(b.resolveSibling(b.getFileName() + ".json").toFile());
        assertEquals(1, header.get("recipe").get("seed").asInt());
        assertEquals(1, header.get("threads").asInt());
        // the same seed again gives the same weights (bit for bit); another seed, other weights
        Path again = PoolStart.build(config("run.cacheDir=" + tmp.resolve("cache6"), "encoder.startSeed=1"), l -> { });
        assertEquals(-1L, Files.mismatch(b, again), "a start is a function of its recipe");
        assertNotEquals(-1L, Files.mismatch(a, b), "another seed is another draw");
        // built with 1 thread, used by a run with 2: still the same start (threads are provenance, not recipe)
        assertEquals(PoolStart.State.READY, PoolStart.status(config("run.cacheDir=" + tmp.resolve("cache5"),
                "encoder.startSeed=1", "encoder.threads=2")).state());
    }

    @Test
    void anInterruptedBuildContinuesFromItsLastEpoch() throws Exception {
        ExplorerConfig one = config("run.cacheDir=" + tmp.resolve("cache2"));
        Path ckpt = PoolStart.build(one, l -> { });
        // pretend a two-epoch build was interrupted after its first epoch
        ExplorerConfig two = config("run.cacheDir=" + tmp.resolve("cache2"), "encoder.startEpochs=2");
        Path header = ckpt.resolveSibling(ckpt.getFileName() + ".json");
        Path partial = ckpt.resolveSibling(ckpt.getFileName() + ".partial");
        Files.move(ckpt, partial);
        Files.writeString(partial.resolveSibling(partial.getFileName() + ".json"),
                Files.readString(header).replace("\"epochs\" : 1", "\"epochs\" : 2").replace("\"complete\" : true",
                        "\"complete\" : false"));
        Files.delete(header);
        assertEquals(PoolStart.State.MISSING, PoolStart.status(two).state());
        List<String> said = new ArrayList<>();
        PoolStart.build(two, said::add);
        assertTrue(said.get(0).contains("continuing an interrupted build"), said.toString());
        JsonNode h = new ObjectMapper().readTree(header.toFile());
        assertEquals(2, h.get("epochsDone").asInt());
        assertEquals(PoolStart.State.READY, PoolStart.status(two).state());
        assertTrue(Files.notExists(partial));
    }

    @Test
    void aRunRecordsTheStartItUsedSoResumeUsesTheSameWeights() throws Exception {
        ExplorerConfig c = config("run.cacheDir=" + tmp.resolve("cache3"));
        Path ckpt = PoolStart.build(c, l -> { });
        try (var server = dev.explorer.pool.server.PoolServer.start(world.pool, "127.0.0.1", 0)) {
            List<String> sets = new ArrayList<>(world.settings(ExplorationTest.endpoint(server), tmp.resolve("runs"), "started"));
            sets.addAll(List.of("run.cacheDir=" + tmp.resolve("cache3"), "pool.dir=" + world.pool, "encoder.imageSize=16",
                    "encoder.hiddenDim=32", "encoder.projectionDim=16", "train.batchSize=16", "encoder.startEpochs=1",
                    "run.iterations=1", "eval.linearProbe=false"));
            ReliabilityTest.Result r = ReliabilityTest.cli(ReliabilityTest.runArgs(sets));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("starting from the pool-pretrained encoder"), r.err());
            Path dir = tmp.resolve("runs").resolve("started");
            assertTrue(Files.readString(dir.resolve(RunDirectory.CONFIG)).contains(ckpt.toString()),
                    "config.yaml names the start");
        }
    }
}
