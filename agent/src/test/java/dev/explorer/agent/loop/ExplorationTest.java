package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.pool.server.PoolServer;
import dev.explorer.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop against a real pool server on a tiny pool, and resume after SIGKILL. */
class ExplorationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SmallWorld world;

    @BeforeAll
    static void buildWorld() throws Exception {
        world = SmallWorld.create(tmp.resolve("world"), 6);
    }

    static String endpoint(PoolServer s) {
        String u = s.uri().toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    @Test
    void threeIterationsEndToEnd() throws Exception {
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            ExplorerConfig c = ConfigLoader.builder().sets(world.settings(endpoint(server), tmp.resolve("runs"), "e2e")).load();
            Path dir = c.run().runDirectory();
            try (Session s = Session.open(RunDirectory.create(dir, c))) {
                s.exploration().runToEnd();
            }
            List<JsonNode> rewards = lines(dir.resolve(RunDirectory.REWARDS));
            List<JsonNode> iterations = lines(dir.resolve(RunDirectory.ITERATIONS));
            assertEquals(12, rewards.size());
            assertEquals(3, iterations.size());
            for (JsonNode r : rewards) {
                assertEquals(8, r.get("hits").asInt(), r.toString()); // one page (search.maxPagesPerQuery=1)
                assertTrue(r.get("probability").asDouble() > 0);
                double score = r.get("score").asDouble();
                assertTrue(score > -1 && score <= 1.0001, r.toString());
            }
            // from the second iteration on, queries carry the GP's prediction made before sampling
            assertTrue(rewards.stream().filter(r -> r.get("iteration").asInt() == 0).allMatch(r -> r.get("predictedMean").isNull()));
            assertTrue(rewards.stream().filter(r -> r.get("iteration").asInt() == 2).allMatch(r -> r.get("predictedStd").isNumber()));
            for (JsonNode it : iterations) {
                int candidates = it.get("candidates").asInt();
                assertTrue(candidates > 0);
                assertEquals(candidates / 2, it.get("kept").asInt());
                assertTrue(it.get("trainSteps").asInt() > 0);
                assertTrue(it.get("knnAccuracy").asDouble() >= 0);
            }
            assertTrue(iterations.get(0).get("linearProbeAccuracy").isNull());
            double probe = iterations.get(2).get("linearProbeAccuracy").asDouble(-1);
            assertTrue(probe >= 0 && probe <= 1, "the linear probe runs at the end: " + iterations.get(2));
            assertEquals(3, RunDirectory.peekState(dir).completedIterations());
            try (var files = Files.list(dir.resolve("checkpoints"))) {
                assertEquals(List.of("iteration-0002.ckpt", "iteration-0002.state.json", "iteration-0003.ckpt",
                        "iteration-0003.state.json"), files.map(f -> f.getFileName().toString()).sorted().toList()); // run.keepCheckpoints=2
            }
            // training mix as in the paper: old images are drawn from target and replay as they were before
            // this iteration's candidates joined the replay buffer (8 target images, pcr = 1)
            int replayBefore = 0;
            for (JsonNode it : iterations) {
                int candidates = it.get("candidates").asInt();
                assertEquals(candidates + Math.min(candidates, 8 + replayBefore), it.get("trainImages").asInt(), it.toString());
                replayBefore = it.get("replaySize").asInt();
            }
            // discovery: no image is a new candidate twice; a concept drawn again asks for its next page
            java.util.Map<String, Integer> firstIteration = new java.util.HashMap<>();
            java.util.Map<String, Integer> timesDrawn = new java.util.HashMap<>();
            for (JsonNode r : rewards) {
                int it = r.get("iteration").asInt();
                // the first draw reads page 0, a later one the page after the last one read
                assertEquals(timesDrawn.getOrDefault(r.get("conceptId").asText(), 0), r.get("page").asInt(), r.toString());
                timesDrawn.merge(r.get("conceptId").asText(), 1, Integer::sum);
                for (JsonNode img : r.get("images")) {
                    if (img.hasNonNull("sha256")) {
                        Integer first = firstIteration.putIfAbsent(img.get("sha256").asText(), it);
                        assertTrue(first == null || first == it, "image " + img + " was new in iteration " + first
                                + " and again in " + it);
                    }
                }
            }
            assertTrue(timesDrawn.values().stream().anyMatch(n -> n > 1), "some concept was drawn twice: " + timesDrawn);
            int replay = iterations.get(2).get("replaySize").asInt();
            assertTrue(replay > 0);
            try (var imgs = Files.walk(dir.resolve("images"))) {
                assertEquals(replay, imgs.filter(p -> p.toString().endsWith(".png")).count());
            }
        }
    }

    @Test
    void newKeepTrainsOnTheBestNewCandidatesWithPcrTimesAsManyOld() throws Exception {
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            Path dir = runOneIteration(server, "newkeep", "train.newKeep=0.25");
            JsonNode it = lines(dir.resolve(RunDirectory.ITERATIONS)).get(0);
            int candidates = it.get("candidates").asInt();
            int best = candidates / 4;
            assertTrue(best >= 2, it.toString());
            // a quarter of the new candidates, and pcr (1) times as many old ones from the 8 target images
            assertEquals(best + Math.min(best, 8), it.get("trainImages").asInt(), it.toString());
            assertEquals(candidates / 2, it.get("kept").asInt(), "the replay buffer still keeps its own share");
        }
    }

    @Test
    void resumeAfterSigkillMatchesAnUninterruptedRun() throws Exception {
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            Path runs = tmp.resolve("resume");
            ExplorerConfig straight = ConfigLoader.builder().sets(world.settings(endpoint(server), runs, "straight")).load();
            try (Session s = Session.open(RunDirectory.create(straight.run().runDirectory(), straight))) {
                s.exploration().runToEnd();
            }
            List<String> killedSets = new ArrayList<>(world.settings(endpoint(server), runs, "killed"));
            killedSets.add("run.keepCheckpoints=1"); // the fewest kept: a commit must never delete the one state.json names
            ExplorerConfig killed = ConfigLoader.builder().sets(killedSets).load();
            Path dir = killed.run().runDirectory();
            RunDirectory.create(dir, killed).close();
            // kill during the first iteration (before its commit), during the second commit (its
            // checkpoint being written), right after the second commit, and in the middle of the last
            // iteration (its reward lines written, not committed)
            killWhen(dir, () -> lineCount(dir.resolve(RunDirectory.REWARDS)) > 0);
            killWhen(dir, () -> Files.exists(dir.resolve("checkpoints").resolve("iteration-0002.ckpt")));
            killWhen(dir, () -> RunDirectory.peekState(dir).completedIterations() >= 2);
            killWhen(dir, () -> Files.readString(dir.resolve(RunDirectory.REWARDS)).contains("\"iteration\":2"));
            try (Session s = Session.open(RunDirectory.open(dir))) {
                s.exploration().runToEnd();
            }
            assertEquals(strip(lines(straight.run().runDirectory().resolve(RunDirectory.REWARDS))),
                    strip(lines(dir.resolve(RunDirectory.REWARDS))));
            List<JsonNode> a = lines(straight.run().runDirectory().resolve(RunDirectory.ITERATIONS));
            List<JsonNode> b = lines(dir.resolve(RunDirectory.ITERATIONS));
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                for (String f : new String[] {"iteration", "queries", "candidates", "kept", "replaySize", "meanQueryScore",
                        "bestQueryScore", "trainSteps", "trainLoss", "knnAccuracy"}) {
                    assertEquals(a.get(i).get(f), b.get(i).get(f), "iteration " + i + " field " + f);
                }
            }
        }
    }

    /** Resumes the run in a child JVM and SIGKILLs it as soon as {@code when} holds. */
    private static void killWhen(Path dir, Check when) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", cp, ResumeMain.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolveSibling("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (p.isAlive() && !when.holds() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the child finished before the kill point; log: " + Files.readString(dir.resolveSibling("child.log")));
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static long lineCount(Path f) throws Exception {
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    static List<JsonNode> lines(Path f) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** Runs one iteration of the small world with extra settings, under runs/NAME; returns the run directory. */
    private Path runOneIteration(PoolServer server, String name, String... extra) throws Exception {
        List<String> sets = new ArrayList<>(world.settings(endpoint(server), tmp.resolve("runs"), name));
        sets.add("run.iterations=1");
        sets.addAll(List.of(extra));
        ExplorerConfig c = ConfigLoader.builder().sets(sets).load();
        try (Session s = Session.open(RunDirectory.create(c.run().runDirectory(), c))) {
            s.exploration().runToEnd();
        }
        return c.run().runDirectory();
    }

    static List<JsonNode> strip(List<JsonNode> records) {
        return records; // rewards.jsonl holds no timing fields: lines must match exactly
    }

    @Test
    void oracleRewardIsThePoolsGroundTruth() throws Exception {
        // the experiments' upper reference: reward 1 exactly for the images whose ground-truth topic is listed
        // (the small world files every image under one topic: the oracle reads a ground truth that alternates)
        Map<String, String> topicById = new java.util.HashMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> truth = new ArrayList<>();
        for (String line : Files.readAllLines(world.pool.resolve(dev.explorer.pool.PoolLayout.EVAL))) {
            com.fasterxml.jackson.databind.node.ObjectNode e = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(line);
            String t = truth.size() % 2 == 0 ? "even" : "odd";
            e.put("topic", t);
            topicById.put(e.get("id").asText(), t);
            truth.add(json.writeValueAsString(e));
        }
        Path oraclePool = Files.createDirectories(tmp.resolve("oracle-truth"));
        Files.write(oraclePool.resolve(dev.explorer.pool.PoolLayout.EVAL), truth);
        String topic = "odd";
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            Path dir = runOneIteration(server, "oracle", "reward.oracleTopics=" + topic, "pool.dir=" + oraclePool);
            int ones = 0, zeros = 0;
            for (JsonNode q : lines(dir.resolve(RunDirectory.REWARDS))) {
                for (JsonNode im : q.get("images")) {
                    if (im.get("reward").isNull()) {
                        continue;
                    }
                    double want = topic.equals(topicById.get(im.get("id").asText())) ? 1.0 : 0.0;
                    assertEquals(want, im.get("reward").asDouble(), 0.0, im.toString());
                    ones += want == 1.0 ? 1 : 0;
                    zeros += want == 0.0 ? 1 : 0;
                }
            }
            assertTrue(ones > 0 && zeros > 0, "both kinds were downloaded: " + ones + " relevant, " + zeros + " not");
        }
    }

    @Test
    void randomStrategyNeedsNoConceptEmbeddings() throws Exception {
        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            Path dir = runOneIteration(server, "random", "sampler.strategy=random");
            List<JsonNode> rewards = lines(dir.resolve(RunDirectory.REWARDS));
            assertEquals(4, rewards.size());
            assertNotNull(rewards.get(0).get("score"));
            assertEquals(1.0 / 12, rewards.get(0).get("probability").asDouble(), 1e-9);
        }
    }

    /**
     * The representation experiment's arms: with train.stepsPerIteration every arm takes exactly
     * that many steps per iteration whatever its training set; sampler.strategy=none never
     * searches (its endpoint is a closed port) and trains on the target alone; eval.everyIterations=0
     * still evaluates after the last iteration, and probeEachEvaluation probes at every evaluation.
     */
    @Test
    void equalStepsAcrossArmsAndTargetOnlyNeverSearches() throws Exception {
        List<String> none = new ArrayList<>(world.settings("http://127.0.0.1:9", tmp.resolve("runs"), "target-only"));
        none.addAll(List.of("sampler.strategy=none", "run.iterations=2", "train.stepsPerIteration=3",
                "eval.everyIterations=0"));
        ExplorerConfig c = ConfigLoader.builder().sets(none).load();
        try (Session s = Session.open(RunDirectory.create(c.run().runDirectory(), c))) {
            s.exploration().runToEnd();
        }
        assertEquals(0, lineCount(c.run().runDirectory().resolve(RunDirectory.REWARDS)));
        List<JsonNode> its = lines(c.run().runDirectory().resolve(RunDirectory.ITERATIONS));
        assertEquals(2, its.size());
        for (JsonNode it : its) {
            assertEquals(3, it.get("trainSteps").asInt(), it.toString());
            assertEquals(0, it.get("queries").asInt());
            assertEquals(8, it.get("trainImages").asInt()); // the target's 8 images, nothing else
        }
        assertTrue(its.get(0).get("knnAccuracy").isNull(), "everyIterations=0: no evaluation before the end");
        assertTrue(its.get(1).get("knnAccuracy").isNumber(), "the final evaluation always runs");
        assertTrue(its.get(1).get("linearProbeAccuracy").isNumber());

        try (PoolServer server = PoolServer.start(world.pool, "127.0.0.1", 0)) {
            List<String> random = new ArrayList<>(world.settings(endpoint(server), tmp.resolve("runs"), "random-steps"));
            random.addAll(List.of("sampler.strategy=random", "run.iterations=2", "train.stepsPerIteration=3",
                    "eval.probeEachEvaluation=true"));
            ExplorerConfig r = ConfigLoader.builder().sets(random).load();
            try (Session s = Session.open(RunDirectory.create(r.run().runDirectory(), r))) {
                s.exploration().runToEnd();
            }
            List<JsonNode> rits = lines(r.run().runDirectory().resolve(RunDirectory.ITERATIONS));
            for (JsonNode it : rits) {
                assertEquals(3, it.get("trainSteps").asInt(), it.toString());
                assertTrue(it.get("trainImages").asInt() > 8, it.toString()); // a larger set, the same steps
                assertTrue(it.get("knnAccuracy").isNumber() && it.get("linearProbeAccuracy").isNumber(), it.toString());
            }
        }
    }
}
