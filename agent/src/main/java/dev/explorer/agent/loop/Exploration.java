package dev.explorer.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.explorer.agent.download.Candidate;
import dev.explorer.agent.download.DedupeIndex;
import dev.explorer.agent.download.DownloadBatch;
import dev.explorer.agent.download.DownloadResult;
import dev.explorer.agent.download.Downloader;
import dev.explorer.agent.reward.KnnReward;
import dev.explorer.agent.reward.QueryScore;
import dev.explorer.agent.run.IterationRecord;
import dev.explorer.agent.run.QueryRecord;
import dev.explorer.agent.run.RunDirectory;
import dev.explorer.agent.sample.DistributionSampler;
import dev.explorer.agent.sample.Draw;
import dev.explorer.agent.sample.LabelSetSampler;
import dev.explorer.agent.sample.QuerySampler;
import dev.explorer.agent.sample.TieredBoltzmann;
import dev.explorer.agent.sample.UniformSampler;
import dev.explorer.agent.score.ConceptScoreModel;
import dev.explorer.agent.score.ConceptScores;
import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchException;
import dev.explorer.agent.search.SearchHit;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.SamplerConfig;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainStats;
import dev.explorer.encoder.eval.Knn;
import dev.explorer.encoder.eval.LabelledImages;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.Vocabulary;
import dev.explorer.vocab.descriptor.DescriptorGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's loop, one iteration per call of {@link #iterate()}: sample queries, search,
 * download, embed, reward, log, fit the concept-score model, re-weight the vocabulary, keep the
 * best images, train, evaluate, commit. Everything an iteration learns is written to the run
 * directory and committed at its end; an interrupted iteration is redone from its start.
 */
public final class Exploration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Exploration.class);

    /** The parts the loop orchestrates; each does one job. */
    public record Parts(Vocabulary vocabulary, float[] conceptEmbeddings, int[] candidates, List<String> labelSet,
                        DescriptorGenerator descriptors, ImageSearchEngine engine, Downloader downloader,
                        Encoder encoder, TargetSet target) {}

    private final RunDirectory run;
    private final ExplorerConfig config;
    private final Parts parts;
    private final ConceptScoreModel scoreModel;
    private final ReplayBuffer replay;
    private final LoopProgress progress;
    private ConceptScores scores; // of the last fit, null before the first
    private double[] distribution; // sampling distribution made from scores
    private int completed;

    public Exploration(RunDirectory run, Parts parts) {
        this.run = run;
        this.config = run.config();
        this.parts = parts;
        this.completed = run.state().completedIterations();
        this.progress = LoopProgress.forConsole(config.run().iterations());
        JsonNode loop = run.state().loop();
        this.replay = ReplayBuffer.fromJson(loop.get("replay"));
        this.scoreModel = parts.conceptEmbeddings() == null ? null
                : new ConceptScoreModel(parts.conceptEmbeddings(), dim(parts), ConceptScoreModel.Settings.of(config.sampler()),
                        config.run().seed());
        if (scoreModel != null && loop.has("observations")) {
            for (JsonNode o : loop.get("observations")) {
                scoreModel.observe(o.get(0).asInt(), o.get(1).asDouble());
            }
            if (!scoreModel.observations().isEmpty() && gp()) {
                setScores(scoreModel.score()); // same observations, same seed: the same fit as before the stop
            }
        }
    }

    private static int dim(Parts p) {
        return p.conceptEmbeddings().length / p.vocabulary().size();
    }

    public int completedIterations() {
        return completed;
    }

    private boolean gp() {
        return config.sampler().strategy() == SamplerConfig.Strategy.GP;
    }

    /** Runs iterations until {@code run.iterations} are done. */
    public void runToEnd() throws IOException {
        while (completed < config.run().iterations()) {
            iterate();
        }
    }

    /** One whole iteration, committed at the end. */
    public IterationRecord iterate() throws IOException {
        final int it = completed;
        final long seed = new SplittableRandom(config.run().seed() * 0x9E3779B97F4A7C15L + it).nextLong();
        Map<String, Double> seconds = new LinkedHashMap<>();
        String startedAt = Instant.now().toString();
        Phase phase = new Phase(it, seconds);
        log.info("iteration {}/{}: start", it + 1, config.run().iterations());

        // 1. sample queries
        phase.start("sample", config.search().queriesPerIteration(), "queries");
        List<Draw> draws = sampler().sample(config.search().queriesPerIteration(), seed);
        List<String> queries = new ArrayList<>(draws.size());
        for (int i = 0; i < draws.size(); i++) {
            queries.add(queryText(draws.get(i), seed + i));
        }
        phase.step(draws.size());
        phase.end();

        // 2. search
        LoopProgress.Phase searching = phase.start("search", queries.size(), "queries");
        List<SearchPage> pages = search(queries, searching);
        phase.end();

        // 3. download each distinct URL once; a URL returned by several queries counts for each
        List<String> urls = new ArrayList<>();
        Map<String, Integer> urlIndex = new HashMap<>();
        for (SearchPage p : pages) {
            if (p != null && p.hits().size() >= config.search().minResults()) {
                for (SearchHit h : p.hits()) {
                    urlIndex.computeIfAbsent(h.imageUrl(), u -> {
                        urls.add(u);
                        return urls.size() - 1;
                    });
                }
            }
        }
        LoopProgress.Phase downloads = phase.start("download", urls.size(), "images");
        DownloadBatch batch = parts.downloader().fetch(urls, new DedupeIndex(config.download().nearDuplicateBits()),
                r -> downloads.step(1));
        List<Candidate> candidates = batch.accepted();
        Map<String, Integer> candidateOfUrl = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            candidateOfUrl.put(candidates.get(i).url(), i);
        }
        phase.end();
        log.info("iteration {}: {} queries, {} distinct images, {} downloaded, failures {}", it + 1, draws.size(),
                urls.size(), candidates.size(), batch.failureCountsByKey());

        // 4. embed candidates and the target with the current encoder
        LoopProgress.Phase embedding = phase.start("embed", candidates.size() + parts.target().images().size(), "images");
        float[][] candidateEmb = candidates.isEmpty() ? new float[0][]
                : parts.encoder().embed(asSources(candidates), embedding::step);
        float[][] targetEmb = parts.encoder().embed(ImageSource.ofPaths(parts.target().images()), embedding::step);
        phase.end();

        // 5. rewards: image = mean cosine to the k nearest targets; query = mean of its top-n
        phase.start("reward", draws.size(), "queries");
        if (config.reward().center()) {
            KnnReward.center(targetEmb, candidateEmb);
        }
        float[] imageReward = candidates.isEmpty() ? new float[0]
                : new KnnReward(targetEmb, config.reward().k()).imageRewards(candidateEmb);
        int keepCount = (int) Math.floor(candidates.size() * config.train().replayKeep());
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -imageReward[i]).thenComparing(i -> i));
        boolean[] kept = new boolean[candidates.size()];
        for (int i = 0; i < keepCount; i++) {
            kept[order[i]] = true;
        }
        Map<String, DownloadResult> resultOfUrl = new HashMap<>();
        for (DownloadResult r : batch.results()) {
            resultOfUrl.putIfAbsent(r.url(), r);
        }
        List<Double> scored = new ArrayList<>();
        int dropped = 0;
        for (int q = 0; q < draws.size(); q++) {
            Draw d = draws.get(q);
            SearchPage page = pages.get(q);
            List<QueryRecord.ImageResult> images = new ArrayList<>();
            Map<String, Integer> failures = new LinkedHashMap<>();
            List<Float> rewards = new ArrayList<>();
            String droppedWhy = null;
            if (page == null) {
                droppedWhy = "search-error";
            } else if (page.hits().size() < config.search().minResults()) {
                droppedWhy = "too-few-results";
            } else {
                for (SearchHit h : page.hits()) {
                    Integer ci = candidateOfUrl.get(h.imageUrl());
                    if (ci != null) {
                        rewards.add(imageReward[ci]);
                        images.add(new QueryRecord.ImageResult(h.id(), h.imageUrl(), candidates.get(ci).sha256(),
                                (double) imageReward[ci], kept[ci], null));
                    } else {
                        DownloadResult r = resultOfUrl.get(h.imageUrl());
                        String kind = r == null || r.failure() == null ? "unknown" : r.failure().key();
                        failures.merge(kind, 1, Integer::sum);
                        images.add(new QueryRecord.ImageResult(h.id(), h.imageUrl(), null, null, false, kind));
                    }
                }
                if (rewards.isEmpty()) {
                    droppedWhy = "no-images";
                }
            }
            float[] r = new float[rewards.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = rewards.get(i);
            }
            QueryScore qs = r.length == 0 ? null : QueryScore.of(r, config.reward().topN());
            Double score = droppedWhy == null ? qs.score() : null;
            if (score != null) {
                scored.add(score);
                if (!d.isLabel() && scoreModel != null) {
                    scoreModel.observe(d.conceptId(), score);
                }
            } else {
                dropped++;
            }
            phase.step(1);
            Concept c = d.isLabel() ? null : parts.vocabulary().get(d.conceptId());
            boolean predicted = scores != null && !d.isLabel();
            run.rewards().append(new QueryRecord(it,
                    d.isLabel() ? "label:" + d.label() : c.id(),
                    d.isLabel() ? d.label() : c.lemma(),
                    queries.get(q), d.isLabel(),
                    predicted ? scores.mean()[d.conceptId()] : null,
                    predicted ? scores.std()[d.conceptId()] : null,
                    d.probability(), page == null ? 0 : page.hits().size(), rewards.size(), failures,
                    qs == null ? null : new QueryRecord.RewardStats(qs.images(), qs.mean(), qs.min(), qs.max(), qs.median()),
                    score, droppedWhy, images));
        }
        phase.end();

        // 6. concept scores for every concept, and the next sampling distribution
        phase.start("fit", 0, "");
        Map<String, Object> gpInfo = new LinkedHashMap<>();
        if (gp() && scoreModel != null && !scoreModel.observations().isEmpty()) {
            setScores(scoreModel.score());
            gpInfo.put("observations", scores.fit().observations());
            gpInfo.put("method", scores.fit().mode());
            gpInfo.put("lengthScale", scores.fit().hyperparameters().lengthscale());
            gpInfo.put("noise", scores.fit().hyperparameters().noise());
            gpInfo.put("fitMillis", scores.fit().fitMillis());
            gpInfo.put("predictMillis", scores.fit().predictMillis());
        }
        Map<String, Double> tierMass = tierMass();
        phase.end();

        // 7. replay buffer: the best candidates, stored resized under images/
        phase.start("replay", keepCount, "images");
        for (int i = 0; i < keepCount; i++) {
            Candidate c = candidates.get(order[i]);
            Path file = run.image(c.sha256());
            if (!Files.exists(file)) {
                writePng(c, file);
            }
            replay.add(new ReplayBuffer.Entry(c.sha256(), imageReward[order[i]], it));
            phase.step(1);
        }
        phase.end();

        // 8. train on the new candidates plus PCR x as many from target and replay
        LoopProgress.Phase training = phase.start("train", 0, "steps");
        List<ImageSource> trainSet = new ArrayList<>(asSources(candidates));
        trainSet.addAll(oldImages((int) Math.round(config.train().pcr() * Math.max(candidates.size(), 1)), seed));
        TrainStats stats = config.train().epochsPerIteration() == 0 || trainSet.size() < 2
                ? null : parts.encoder().train(trainSet, config.train().epochsPerIteration(),
                        (epoch, step, total, loss) -> training.update(step, total, String.format(java.util.Locale.ROOT, "step loss %.4f", loss)));
        phase.end();

        // 9. evaluate when the target comes with labels
        Double knn = null;
        if (parts.target().evaluation() != null && config.eval().everyIterations() > 0
                && ((it + 1) % config.eval().everyIterations() == 0 || it + 1 == config.run().iterations())) {
            LoopProgress.Phase evaluating = phase.start("eval", parts.target().evaluation().train().images().size()
                    + parts.target().evaluation().test().images().size(), "images");
            knn = knnAccuracy(parts.target().evaluation(), evaluating);
            phase.end();
        }

        // 10. checkpoint, log, commit
        phase.start("commit", 0, "");
        Path ckpt = run.checkpoints().resolve(String.format("iteration-%04d.ckpt", it + 1));
        parts.encoder().save(ckpt);
        pruneCheckpoints();
        Map<String, Integer> failures = new LinkedHashMap<>(batch.failureCountsByKey());
        IterationRecord record = new IterationRecord(it, startedAt, seconds, draws.size(), dropped, candidates.size(),
                keepCount, replay.size(), failures,
                scored.isEmpty() ? null : scored.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                scored.isEmpty() ? null : scored.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                trainSet.size(), stats == null ? 0 : (int) stats.steps(), stats == null ? null : stats.meanLoss(), knn,
                gpInfo, tierMass);
        phase.end();
        run.iterations().append(record);
        completed = it + 1;
        run.commit(completed, loopState(ckpt));
        log.info("iteration {}/{}: done in {} s; mean query score {}, best {}, kept {}, replay {}, loss {}, k-NN {}",
                it + 1, config.run().iterations(), String.format("%.1f", seconds.values().stream().mapToDouble(d -> d).sum()),
                fmt(record.meanQueryScore()), fmt(record.bestQueryScore()), keepCount, replay.size(),
                fmt(record.trainLoss()), fmt(knn));
        return record;
    }

    private void setScores(ConceptScores next) {
        scores = next;
        SamplerConfig s = config.sampler();
        distribution = TieredBoltzmann.distribution(next.score(), parts.candidates(), s.softmaxRange(), s.tierBounds(),
                s.tierMasses());
    }

    private QuerySampler sampler() {
        int[] cand = parts.candidates();
        QuerySampler concepts;
        if (!gp() || distribution == null) {
            concepts = cand == null ? new UniformSampler(parts.vocabulary().size()) : new UniformSampler(cand);
        } else {
            concepts = new DistributionSampler(distribution);
        }
        if (parts.labelSet() != null && !parts.labelSet().isEmpty()) {
            return new LabelSetSampler(parts.labelSet(), config.sampler().labelSetShare(), concepts);
        }
        return concepts;
    }

    private String queryText(Draw d, long seed) {
        if (d.isLabel()) {
            return d.label();
        }
        Concept c = parts.vocabulary().get(d.conceptId());
        return parts.descriptors() == null ? c.lemma() : parts.descriptors().query(c, new java.util.Random(seed));
    }

    private List<SearchPage> search(List<String> queries, LoopProgress.Phase progress) {
        // the engine is I/O bound: a few requests in flight, results kept in query order
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, queries.size())));
        try {
            List<Future<SearchPage>> futures = new ArrayList<>();
            for (String q : queries) {
                futures.add(pool.submit(() -> {
                    try {
                        return parts.engine().searchTop(q, config.search().resultsPerQuery());
                    } catch (SearchException e) {
                        log.warn("search '{}' failed: {}", q, e.getMessage());
                        return null;
                    } finally {
                        progress.step(1);
                    }
                }));
            }
            List<SearchPage> out = new ArrayList<>();
            for (Future<SearchPage> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ImageSource> asSources(List<Candidate> candidates) {
        List<ImageSource> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(ImageSource.of(c.sha256(), toImage(c)));
        }
        return out;
    }

    private static BufferedImage toImage(Candidate c) {
        var d = c.image();
        BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, d.width(), d.height(), d.rgb(), 0, d.width());
        return img;
    }

    private static void writePng(Candidate c, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ImageIO.write(toImage(c), "png", tmp.toFile());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code count} images drawn without replacement from target ∪ replay (all of them when fewer). */
    private List<ImageSource> oldImages(int count, long seed) {
        List<Path> pool = new ArrayList<>(parts.target().images());
        for (ReplayBuffer.Entry e : replay.entries()) {
            pool.add(run.image(e.sha256()));
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = Math.min(count, pool.size());
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(pool.size() - i);
            Path t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        return ImageSource.ofPaths(pool.subList(0, n));
    }

    private Double knnAccuracy(LabelledImages.Split split, LoopProgress.Phase progress) {
        float[][] train = parts.encoder().embed(split.train().images(), progress::step);
        float[][] test = parts.encoder().embed(split.test().images(), progress::step);
        return Knn.accuracy(train, split.train().labels(), test, split.test().labels(), config.eval().knnK(),
                config.eval().knnTemperature());
    }

    private Map<String, Double> tierMass() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!gp() || distribution == null) {
            return out;
        }
        SamplerConfig s = config.sampler();
        double[] p = distribution;
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int bound : s.tierBounds()) {
            double mass = 0;
            for (int i = 0; i < Math.min(bound, sorted.length); i++) {
                mass += sorted[sorted.length - 1 - i];
            }
            out.put("top" + bound, mass);
        }
        return out;
    }

    private void pruneCheckpoints() throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(run.checkpoints())) {
            all = s.filter(p -> p.getFileName().toString().matches("iteration-\\d{4}\\.ckpt")).sorted().toList();
        }
        for (int i = 0; i < all.size() - config.run().keepCheckpoints(); i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private ObjectNode loopState(Path checkpoint) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("checkpoint", run.dir().relativize(checkpoint).toString());
        if (scoreModel != null) {
            ArrayNode obs = s.putArray("observations");
            for (ConceptScoreModel.Observation o : scoreModel.observations()) {
                obs.addArray().add(o.conceptId()).add(o.score());
            }
        }
        s.set("replay", replay.toJson());
        return s;
    }

    /** The checkpoint a resumed run starts from, or null before the first commit. */
    public static Path lastCheckpoint(RunDirectory run) {
        JsonNode c = run.state().loop().get("checkpoint");
        return c == null ? null : run.dir().resolve(c.asText());
    }

    private static String fmt(Double d) {
        return d == null ? "-" : String.format("%.4f", d);
    }

    @Override
    public void close() {
        // the parts belong to whoever built them
    }

    /** Wall time per phase, measured by what the user sees of it (see {@link LoopProgress}). */
    private final class Phase {
        private final int iteration;
        private final Map<String, Double> seconds;
        private String name;
        private LoopProgress.Phase shown;

        Phase(int iteration, Map<String, Double> seconds) {
            this.iteration = iteration;
            this.seconds = seconds;
        }

        LoopProgress.Phase start(String n, long total, String unit) {
            name = n;
            shown = progress.start(iteration, n, total, unit);
            return shown;
        }

        void step(long units) {
            shown.step(units);
        }

        void end() {
            shown.close();
            seconds.merge(name, shown.seconds(), Double::sum);
        }
    }
}
