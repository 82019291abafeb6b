package dev.explorer.agent.loop;

import dev.explorer.agent.download.Candidate;
import dev.explorer.agent.download.DedupeIndex;
import dev.explorer.agent.download.DownloadBatch;
import dev.explorer.agent.download.Downloader;
import dev.explorer.agent.reward.ImageReward;
import dev.explorer.agent.sample.DistributionSampler;
import dev.explorer.agent.sample.DiverseSampler;
import dev.explorer.agent.sample.Draw;
import dev.explorer.agent.sample.LabelSetSampler;
import dev.explorer.agent.sample.QuerySampler;
import dev.explorer.agent.sample.TieredBoltzmann;
import dev.explorer.agent.sample.UniformSampler;
import dev.explorer.agent.score.ConceptScoreModel;
import dev.explorer.agent.score.ConceptScores;
import dev.explorer.agent.search.ImageSearchEngine;
import dev.explorer.agent.search.SearchPage;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.RewardConfig;
import dev.explorer.config.SamplerConfig;
import dev.explorer.config.common.Progress;
import dev.explorer.encoder.Encoder;
import dev.explorer.encoder.ImageSource;
import dev.explorer.encoder.TrainStats;
import dev.explorer.encoder.eval.Knn;
import dev.explorer.encoder.eval.LabelledImages;
import dev.explorer.run.Checkpoints;
import dev.explorer.run.EngineStats;
import dev.explorer.run.IterationRecord;
import dev.explorer.run.LoopState;
import dev.explorer.run.QueryRecord;
import dev.explorer.run.RunDirectory;
import dev.explorer.vocab.Concept;
import dev.explorer.vocab.Vocabulary;
import dev.explorer.vocab.descriptor.DescriptorGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
    private final Searcher searcher;
    private final SeenImages seen;
    private final Credits credits;
    private final Map<String, Integer> cursors; // per concept id, the next result page
    private List<String> background; // content hashes of the reward's fixed background, null until drawn
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
        LoopState saved = run.state().loop();
        this.replay = new ReplayBuffer(saved.replay());
        this.searcher = new Searcher(parts.engine(), config.search());
        this.cursors = new java.util.TreeMap<>(saved.cursors());
        this.background = saved.background();
        try {
            this.seen = new SeenImages();
            this.credits = new Credits();
            RewardsLog.forEachImage(run.rewards().file(), img -> {
                seen.add(img);
                credits.add(img);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + run.rewards().file() + " to rebuild the images seen", e);
        }
        this.scoreModel = parts.conceptEmbeddings() == null ? null
                : new ConceptScoreModel(parts.conceptEmbeddings(), parts.conceptEmbeddings().length / parts.vocabulary().size(),
                        ConceptScoreModel.Settings.of(config.sampler()), config.run().seed());
        if (scoreModel != null && saved.observations() != null) {
            saved.observations().forEach(o -> scoreModel.observe(o.conceptId(), o.score()));
            if (!scoreModel.observations().isEmpty() && gp()) {
                setScores(scoreModel.score()); // same observations, same seed: the same fit as before the stop
            }
        }
    }

    public int completedIterations() {
        return completed;
    }

    /** Runs iterations until {@code run.iterations} are done. */
    public void runToEnd() throws IOException {
        while (completed < config.run().iterations()) {
            iterate();
        }
    }

    /** One whole iteration, committed at the end: the paper's algorithm, one step per line. */
    public IterationRecord iterate() throws IOException {
        final int it = completed;
        final long seed = new SplittableRandom(config.run().seed() * 0x9E3779B97F4A7C15L + it).nextLong();
        Phases phases = new Phases(it);
        log.info("iteration {}/{}: start", it + 1, config.run().iterations());
        if (config.sampler().strategy() == SamplerConfig.Strategy.NONE) {
            return targetOnly(it, phases);
        }

        List<SampledQuery> queries = phases.run("sample", config.search().queriesPerIteration(), "queries", p -> sample(seed, p));
        Searcher.Results searched = phases.run("search", queries.size(), "queries", p -> searcher.search(queries, seen, p));
        List<SearchPage> pages = searched.pages();
        List<String> urls = Harvest.distinctUrls(pages, config.search().minResults(), seen);
        Harvest harvest = phases.run("download", urls.size(), "images", p -> download(pages, urls, p));
        log.info("iteration {}: {} queries ({} result pages), {} distinct new URLs, {} new images, failures {}", it + 1,
                queries.size(), searched.requests(), urls.size(), harvest.candidates().size(),
                harvest.batch().failureCountsByKey());
        if (background == null && config.reward().usesBackground() && config.reward().backgroundSize() > 0) {
            background = Background.draw(run, harvest, config.reward().backgroundSize(), seed);
        }
        float[] imageReward = phases.run("embed", harvest.candidates().size() + parts.target().images().size(), "images",
                p -> imageRewards(harvest, p));
        Scoring scoring = phases.run("reward", queries.size(), "queries", p -> score(it, queries, harvest, imageReward, p));
        Map<String, Object> fit = phases.run("fit", 0, "", p -> fit(queries, scoring));
        Map<String, Double> tierMass = tierMass();
        List<ImageSource> trainSet = trainingSet(harvest, scoring, seed); // old images drawn before this iteration's join the replay
        phases.run("replay", scoring.keepCount(), "images", p -> keep(it, harvest, scoring, p));
        TrainStats stats = phases.run("train", 0, "steps", p -> train(trainSet, p));
        Double[] eval = evaluate(it, phases); // k-NN, linear probe
        Path checkpoint = phases.run("commit", 0, "", p -> save(it));
        advance(queries, searched.pagesRead(), harvest);
        IterationRecord record = new IterationRecord(it, phases.startedAt, phases.seconds, queries.size(),
                queries.size() - scoring.scored(), harvest.candidates().size(), scoring.keepCount(), replay.size(),
                new LinkedHashMap<>(harvest.batch().failureCountsByKey()), scoring.meanScore(), scoring.bestScore(),
                trainSet.size(), stats == null ? 0 : (int) stats.steps(), stats == null ? null : stats.meanLoss(), eval[0], fit,
                tierMass, eval[1], (int) scoring.records().stream().mapToLong(r -> r.failures().getOrDefault(SeenImages.SEEN, 0))
                        .sum());
        commit(it, record, checkpoint);
        log.info("iteration {}/{}: done in {} s; mean query score {}, best {}, kept {}, replay {}, loss {}, k-NN {}",
                it + 1, config.run().iterations(), String.format(Locale.ROOT, "%.1f", phases.total()),
                fmt(record.meanQueryScore()), fmt(record.bestQueryScore()), record.kept(), replay.size(),
                fmt(record.trainLoss()), fmt(eval[0]) + (eval[1] == null ? "" : ", linear probe " + fmt(eval[1])));
        return record;
    }

    /**
     * {@code sampler.strategy=none}: the target-only baseline. No query, no download; the same
     * training call (on the target images alone), evaluation and commit as a searching iteration,
     * so with {@code train.stepsPerIteration} it takes exactly the optimiser steps the other arms take.
     */
    private IterationRecord targetOnly(int it, Phases phases) throws IOException {
        List<ImageSource> trainSet = ImageSource.ofPaths(parts.target().images());
        TrainStats stats = phases.run("train", 0, "steps", p -> train(trainSet, p));
        Double[] eval = evaluate(it, phases);
        Path checkpoint = phases.run("commit", 0, "", p -> save(it));
        IterationRecord record = new IterationRecord(it, phases.startedAt, phases.seconds, 0, 0, 0, 0, replay.size(),
                new LinkedHashMap<>(), null, null, trainSet.size(), stats == null ? 0 : (int) stats.steps(),
                stats == null ? null : stats.meanLoss(), eval[0], new LinkedHashMap<>(), new LinkedHashMap<>(), eval[1], 0);
        commit(it, record, checkpoint);
        log.info("iteration {}/{}: target only, done in {} s; {} steps on {} target images, loss {}, k-NN {}", it + 1,
                config.run().iterations(), String.format(Locale.ROOT, "%.1f", phases.total()), record.trainSteps(),
                trainSet.size(), fmt(record.trainLoss()), fmt(eval[0]) + (eval[1] == null ? "" : ", linear probe " + fmt(eval[1])));
        return record;
    }

    // ---- the steps, in the order iterate() calls them ----

    /** Draws M queries: uniformly before the first fit (or for the random baseline), else from the tiered distribution. */
    private List<SampledQuery> sample(long seed, Progress.Task p) {
        List<Draw> draws = sampler().sample(config.search().queriesPerIteration(), seed);
        List<SampledQuery> out = new ArrayList<>(draws.size());
        for (int i = 0; i < draws.size(); i++) {
            Draw d = draws.get(i);
            if (d.isLabel()) {
                // with descriptors on, a class name gets one too (the paper's "++" label-set runs)
                String id = "label:" + d.label();
                String text = labelQuery(parts.descriptors(), d.label(), new java.util.Random(seed + i));
                out.add(new SampledQuery(d, id, d.label(), text, null, null, page(id)));
                continue;
            }
            Concept c = parts.vocabulary().get(d.conceptId());
            String text = parts.descriptors() == null ? c.lemma() : parts.descriptors().query(c, new java.util.Random(seed + i));
            out.add(new SampledQuery(d, c.id(), c.lemma(), text, scores == null ? null : scores.mean()[d.conceptId()],
                    scores == null ? null : scores.std()[d.conceptId()], page(c.id())));
        }
        p.step(out.size());
        return out;
    }

    /** The text sent for a class name: with a descriptor when descriptors are on (null = off). */
    static String labelQuery(DescriptorGenerator descriptors, String label, java.util.Random rng) {
        return descriptors == null ? label : descriptors.query(Concept.user(label), rng);
    }

    /** The result page a query for this concept asks for: the next one when it was asked before. */
    private int page(String conceptId) {
        return config.search().nextPage() ? cursors.getOrDefault(conceptId, 0) : 0;
    }

    /** After an iteration: each concept asks next time for the page after the last one it read, and its new images are seen. */
    private void advance(List<SampledQuery> queries, int[] pagesRead, Harvest harvest) {
        for (int q = 0; q < queries.size(); q++) {
            if (pagesRead[q] > 0 && config.search().nextPage()) {
                cursors.merge(queries.get(q).conceptId(), pagesRead[q], Integer::sum);
            }
        }
        for (Candidate c : harvest.candidates()) {
            seen.add(c.url(), c.sha256());
        }
    }

    /** Downloads each distinct URL once and joins the outcomes back to every query that returned it. */
    private Harvest download(List<SearchPage> pages, List<String> urls, Progress.Task p) {
        DownloadBatch batch = parts.downloader().fetch(urls, new DedupeIndex(config.download().nearDuplicateBits()),
                r -> p.step(1));
        return Harvest.of(pages, config.search().minResults(), batch, seen);
    }

    /** Embeds candidates and target with the current encoder; image reward = mean cosine to the k nearest targets. */
    private float[] imageRewards(Harvest harvest, Progress.Task p) throws IOException {
        if (!config.reward().oracleTopics().isEmpty()) {
            return oracleRewards(harvest, p);
        }
        float[][] candidates = harvest.sources().isEmpty() ? new float[0][] : parts.encoder().embed(harvest.sources(), p::step);
        float[][] target = parts.encoder().embed(ImageSource.ofPaths(parts.target().images()), p::step);
        RewardConfig rc = config.reward();
        float[][] bg = null;
        boolean[] inBackground = null;
        if (rc.usesBackground() && background != null && !background.isEmpty()) {
            bg = parts.encoder().embed(ImageSource.ofPaths(Background.files(run, background)));
            java.util.Set<String> bgShas = new java.util.HashSet<>(background);
            inBackground = new boolean[harvest.candidates().size()];
            for (int i = 0; i < inBackground.length; i++) {
                inBackground[i] = bgShas.contains(harvest.candidates().get(i).sha256());
            }
        }
        return ImageReward.compute(rc, target, bg, candidates, inBackground);
    }

    private Map<String, String> oracleTopicById;

    /** reward.oracleTopics: 1 for an image the pool's ground truth files under a listed topic, else 0 (not a method). */
    private float[] oracleRewards(Harvest harvest, Progress.Task p) throws IOException {
        if (oracleTopicById == null) {
            Path pool = dev.explorer.pool.cli.PoolDirs.pool(config, null);
            Map<String, String> m = new java.util.HashMap<>();
            for (dev.explorer.pool.EvalEntry e : dev.explorer.pool.PoolLayout.readEval(pool)) {
                m.put(e.id(), e.topic());
            }
            oracleTopicById = m;
            log.info("reward: the pool's ground truth ({} images under {}), 1 for topics {} (an upper reference, not a method)",
                    m.size(), pool, config.reward().oracleTopics());
        }
        java.util.Set<String> topics = java.util.Set.copyOf(config.reward().oracleTopics());
        float[] out = new float[harvest.candidates().size()];
        for (int i = 0; i < out.length; i++) {
            String url = harvest.candidates().get(i).url();
            String id = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z]+$", "");
            out[i] = topics.contains(oracleTopicById.get(id)) ? 1f : 0f;
            p.step(1);
        }
        return out;
    }

    /** Query scores, the keep mask and the audit lines; the lines are appended to rewards.jsonl here. */
    private Scoring score(int it, List<SampledQuery> queries, Harvest harvest, float[] imageReward, Progress.Task p)
            throws IOException {
        Scoring s = Scoring.of(it, queries, harvest.perQuery(), harvest.candidates().stream().map(Candidate::sha256).toList(),
                imageReward, config.reward().topN(), config.train().replayKeep(),
                config.reward().credit() == dev.explorer.config.RewardConfig.Credit.NEW,
                config.reward().seenValue() == dev.explorer.config.RewardConfig.SeenValue.MIN);
        for (QueryRecord r : s.records()) {
            run.rewards().append(r);
            p.step(1);
        }
        credits.add(s.records());
        return s;
    }

    /** Feeds the scored concepts to the GP, refits it and makes the next sampling distribution. */
    private Map<String, Object> fit(List<SampledQuery> queries, Scoring scoring) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (scoreModel == null) {
            return info;
        }
        for (int q = 0; q < queries.size(); q++) {
            if (scoring.scores().get(q) != null && !queries.get(q).draw().isLabel()) {
                scoreModel.observe(queries.get(q).draw().conceptId(), scoring.scores().get(q));
            }
        }
        if (gp() && !scoreModel.observations().isEmpty()) {
            setScores(scoreModel.score());
            info.put("observations", scores.fit().observations());
            info.put("method", scores.fit().mode());
            info.put("lengthScale", scores.fit().hyperparameters().lengthscale());
            info.put("noise", scores.fit().hyperparameters().noise());
            info.put("fitMillis", scores.fit().fitMillis());
            info.put("predictMillis", scores.fit().predictMillis());
        }
        return info;
    }

    /** The best candidates join the replay buffer, stored resized under images/. */
    private Void keep(int it, Harvest harvest, Scoring scoring, Progress.Task p) throws IOException {
        for (int i = 0; i < scoring.keepCount(); i++) {
            int row = scoring.order()[i];
            Candidate c = harvest.candidates().get(row);
            PngFiles.writeOnce(((ImageSource.Image) harvest.sources().get(row)).image(), run.image(c.sha256()));
            replay.add(new LoopState.Kept(c.sha256(), scoring.imageReward()[row], it));
            p.step(1);
        }
        return null;
    }

    /**
     * The new candidates (the best {@code train.newKeep} of them by image reward; all in the paper)
     * plus {@code train.pcr} times as many drawn from target and replay.
     */
    private List<ImageSource> trainingSet(Harvest harvest, Scoring scoring, long seed) {
        List<ImageSource> set = new ArrayList<>(harvest.sources());
        int trained = config.train().newTrained(set.size());
        if (trained < set.size()) {
            List<ImageSource> best = new ArrayList<>(trained);
            for (int i = 0; i < trained; i++) {
                best.add(set.get(scoring.order()[i]));
            }
            set = best;
        }
        int old = (int) Math.round(config.train().pcr() * Math.max(set.size(), 1));
        List<Path> pool = new ArrayList<>(parts.target().images());
        for (LoopState.Kept e : replay.entries()) {
            pool.add(run.image(e.sha256()));
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = Math.min(old, pool.size());
        for (int i = 0; i < n; i++) { // partial Fisher-Yates: n drawn without replacement
            int j = i + rnd.nextInt(pool.size() - i);
            Path t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
        }
        set.addAll(ImageSource.ofPaths(pool.subList(0, n)));
        return set;
    }

    /** {@code train.stepsPerIteration} steps when set (equal budgets across arms), else epochs over the set. */
    private TrainStats train(List<ImageSource> trainSet, Progress.Task p) {
        int steps = config.train().stepsPerIteration();
        if ((steps == 0 && config.train().epochsPerIteration() == 0) || trainSet.size() < 2) {
            return null;
        }
        dev.explorer.encoder.TrainListener shown =
                (epoch, step, total, loss) -> p.update(step, total, String.format(Locale.ROOT, "step loss %.4f", loss));
        return steps > 0 ? parts.encoder().trainSteps(trainSet, steps, shown)
                : parts.encoder().train(trainSet, config.train().epochsPerIteration(), shown);
    }

    /**
     * k-NN accuracy on the target's labelled split, every {@code eval.everyIterations} and always
     * after the last iteration; the linear probe on frozen features after the last (or at every
     * evaluation with {@code eval.probeEachEvaluation}) when {@code eval.linearProbe}.
     */
    private Double[] evaluate(int it, Phases phases) throws IOException {
        LabelledImages.Split split = parts.target().evaluation();
        int every = config.eval().everyIterations();
        boolean last = it + 1 == config.run().iterations();
        if (split == null || (!last && (every <= 0 || (it + 1) % every != 0))) {
            return new Double[2];
        }
        boolean probe = config.eval().linearProbe() && (last || config.eval().probeEachEvaluation());
        return phases.run("eval", split.train().images().size() + split.test().images().size(), "images", p -> {
            float[][] train = parts.encoder().embed(split.train().images(), p::step);
            float[][] test = parts.encoder().embed(split.test().images(), p::step);
            Double knn = Knn.accuracy(train, split.train().labels(), test, split.test().labels(), config.eval().knnK(),
                    config.eval().knnTemperature());
            Double probeAccuracy = !probe ? null : dev.explorer.encoder.eval.LinearProbe.accuracy(
                    train, split.train().labels(), test, split.test().labels(), config.eval().probeEpochs(), config.run().seed());
            return new Double[] {knn, probeAccuracy};
        });
    }

    private Path save(int it) throws IOException {
        Path ckpt = run.checkpoint(it + 1);
        parts.encoder().save(ckpt);
        return ckpt;
    }

    /** The iteration's log line, then state.json: the iteration exists from this point on. */
    private void commit(int it, IterationRecord record, Path ckpt) throws IOException {
        run.iterations().append(record);
        List<LoopState.Observation> obs = scoreModel == null ? null : scoreModel.observations().stream()
                .map(o -> new LoopState.Observation(o.conceptId(), o.score())).toList();
        run.commit(it + 1, new LoopState(run.dir().relativize(ckpt).toString(), Checkpoints.sha256(ckpt), obs,
                replay.entries(), cursors, background));
        completed = it + 1;
        // derived files, rewritten whole after the commit: a crash before them loses nothing the resume cannot redo
        credits.write(run.dir(), replay.entries());
        EngineStats.write(run.dir(), parts.engine().stats());
    }

    // ---- sampling distribution ----

    private boolean gp() {
        return config.sampler().strategy() == SamplerConfig.Strategy.GP;
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
        } else if (config.sampler().diversityLengthScale() > 0) {
            float[] emb = parts.conceptEmbeddings();
            concepts = new DiverseSampler(distribution, emb, emb.length / parts.vocabulary().size(),
                    config.sampler().diversityLengthScale());
        } else {
            concepts = new DistributionSampler(distribution);
        }
        if (parts.labelSet() != null && !parts.labelSet().isEmpty()) {
            return new LabelSetSampler(parts.labelSet(), config.sampler().labelSetShare(), parts.descriptors() != null,
                    concepts);
        }
        return concepts;
    }

    /** Sampling mass held by the top tiers of the current distribution (empty before the first fit). */
    private Map<String, Double> tierMass() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!gp() || distribution == null) {
            return out;
        }
        double[] sorted = distribution.clone();
        Arrays.sort(sorted);
        for (int bound : config.sampler().tierBounds()) {
            double mass = 0;
            for (int i = 0; i < Math.min(bound, sorted.length); i++) {
                mass += sorted[sorted.length - 1 - i];
            }
            out.put("top" + bound, mass);
        }
        return out;
    }

    private static String fmt(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }

    @Override
    public void close() {
        // the parts belong to whoever built them
    }

    /** One step of an iteration: what it computes from what the phase display shows of it. */
    @FunctionalInterface
    interface Step<T> {
        T apply(Progress.Task phase) throws IOException;
    }

    /** Runs each step under its progress display and records its wall time (see {@link LoopProgress}). */
    private final class Phases {
        final String startedAt = Instant.now().toString();
        final Map<String, Double> seconds = new LinkedHashMap<>();
        private final int iteration;

        Phases(int iteration) {
            this.iteration = iteration;
        }

        <T> T run(String name, long total, String unit, Step<T> step) throws IOException {
            Progress.Task shown = progress.start(iteration, name, total, unit);
            try {
                return step.apply(shown);
            } finally {
                shown.close();
                seconds.merge(name, shown.seconds(), Double::sum);
            }
        }

        double total() {
            return seconds.values().stream().mapToDouble(d -> d).sum();
        }
    }
}
