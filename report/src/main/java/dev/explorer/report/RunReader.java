package dev.explorer.report;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.explorer.config.ConfigException;
import dev.explorer.config.ConfigLoader;
import dev.explorer.config.ExplorerConfig;
import dev.explorer.config.cli.UsageException;
import dev.explorer.report.RunReport.BestImage;
import dev.explorer.report.RunReport.ConceptSummary;
import dev.explorer.report.RunReport.Distribution;
import dev.explorer.report.RunReport.IterationSummary;
import dev.explorer.report.RunReport.LogProblem;
import dev.explorer.report.RunReport.QueryPoint;
import dev.explorer.report.RunReport.Status;
import dev.explorer.run.IterationRecord;
import dev.explorer.run.QueryRecord;
import dev.explorer.run.RunDirectory;
import dev.explorer.run.RunDirectoryException;
import dev.explorer.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run directory without changing anything in it, streaming both logs once, and
 * aggregates what the report shows. Never opens the run through {@link RunDirectory#open}, which
 * takes the lock and cuts uncommitted lines.
 */
public final class RunReader {
    static final int MAX_PROBLEMS = 200;

    static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader QUERY = JSON.readerFor(QueryRecord.class);
    private static final ObjectReader ITERATION = JSON.readerFor(IterationRecord.class);

    /** What to read and how much to keep. */
    public record Options(Path runDir, Path groundTruth, List<String> relevantTopics, int top, Integer scatterIteration,
            int bestImagesPerConcept) {
        public Options {
            relevantTopics = relevantTopics == null ? List.of() : List.copyOf(relevantTopics);
        }

        public static Options of(Path runDir) {
            return new Options(runDir, null, List.of(), 10, null, 3);
        }

        public Options withGroundTruth(Path file, List<String> topics) {
            return new Options(runDir, file, topics, top, scatterIteration, bestImagesPerConcept);
        }

        public Options withTop(int n) {
            return new Options(runDir, groundTruth, relevantTopics, n, scatterIteration, bestImagesPerConcept);
        }

        public Options withScatterIteration(Integer it) {
            return new Options(runDir, groundTruth, relevantTopics, top, it, bestImagesPerConcept);
        }
    }

    private final Options options;
    private final List<LogProblem> problems = new ArrayList<>();
    private long problemCount;
    private final List<String> notes = new ArrayList<>();
    private final TreeMap<Integer, Iter> iterations = new TreeMap<>();
    private final Map<String, Concept> concepts = new HashMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<String, Long> dropped = new TreeMap<>();
    private final Map<String, Long> uncommitted = new LinkedHashMap<>();
    private GroundTruth groundTruth;
    private long notInGroundTruth;
    private boolean writerActive;

    private RunReader(Options options) {
        this.options = options;
    }

    /** Reads the run once. */
    public static RunReport read(Options options) throws IOException {
        return new RunReader(options).run();
    }

    private boolean shortLog; // a log shorter than its committed length: the run is damaged

    private RunReport run() throws IOException {
        long t0 = System.nanoTime();
        Path dir = options.runDir();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("no run directory at " + dir + "; give the folder explorer run wrote (runs/<name>)");
        }
        boolean any = false;
        for (String f : List.of(RunDirectory.CONFIG, RunDirectory.STATE, RunDirectory.REWARDS, RunDirectory.ITERATIONS)) {
            any |= Files.exists(dir.resolve(f));
        }
        if (!any) {
            throw new UsageException(dir + " is not a run directory: it has none of " + RunDirectory.CONFIG + ", "
                    + RunDirectory.STATE + ", " + RunDirectory.REWARDS + ", " + RunDirectory.ITERATIONS);
        }
        if (options.groundTruth() != null) {
            groundTruth = GroundTruth.load(options.groundTruth(), options.relevantTopics(), JSON, this::problem);
        }

        // config: name and planned iterations
        String name = null;
        Integer planned = null;
        Path configFile = dir.resolve(RunDirectory.CONFIG);
        if (Files.isRegularFile(configFile)) {
            try {
                ExplorerConfig config = ConfigLoader.builder().preset("cpu").file(configFile).checkPaths(false).load();
                name = config.run().name();
                planned = config.run().iterations();
            } catch (ConfigException | UsageException e) {
                notes.add(RunDirectory.CONFIG + " does not load, so the planned number of iterations is unknown: "
                        + firstLine(e.getMessage()));
            }
        } else {
            notes.add("no " + RunDirectory.CONFIG + ": the planned number of iterations is unknown");
        }

        // state: what committed. Read before the logs, so lines appended meanwhile count as uncommitted.
        int completed = 0;
        Map<String, Long> lengths = new HashMap<>();
        Path stateFile = dir.resolve(RunDirectory.STATE);
        boolean damaged = false;
        if (Files.isRegularFile(stateFile)) {
            try {
                RunState s = RunDirectory.readState(stateFile); // as strict as resume: damage is named, not read as 0
                completed = s.completedIterations();
                lengths.putAll(s.logLengths());
            } catch (RunDirectoryException e) {
                damaged = true;
                problem(new LogProblem(RunDirectory.STATE, 0, firstLine(e.getMessage())
                        + " (every log line is treated as uncommitted)"));
            }
        } else {
            notes.add("no " + RunDirectory.STATE + ": no iteration ever committed; every log line is treated as uncommitted");
        }
        LockProbe.Holder holder = LockProbe.probe(dir.resolve(RunDirectory.LOCK));

        writerActive = holder.held();
        readLog(dir, RunDirectory.REWARDS, lengths.getOrDefault(RunDirectory.REWARDS, 0L), this::queryLine);
        readLog(dir, RunDirectory.ITERATIONS, lengths.getOrDefault(RunDirectory.ITERATIONS, 0L), this::iterationLine);

        long uncommittedTotal = uncommitted.values().stream().mapToLong(Long::longValue).sum();
        Status status;
        if (damaged || shortLog) {
            status = Status.DAMAGED;
        } else if (!holder.known()) {
            status = Status.UNKNOWN;
        } else if (holder.held()) {
            status = Status.RUNNING;
        } else if (uncommittedTotal > 0) {
            status = Status.CRASHED;
        } else if (planned != null && completed >= planned) {
            status = Status.FINISHED;
        } else {
            status = Status.STOPPED;
        }
        List<IterationSummary> rows = new ArrayList<>();
        Map<String, Boolean> ever = new HashMap<>();
        for (Iter it : iterations.values()) {
            rows.add(it.summary(completed, status, it.discovery(ever)));
            if (it.record != null && it.recordCommitted && it.queries != it.record.queries()) {
                notes.add("iteration " + it.iteration + ": iterations.jsonl says " + it.record.queries()
                        + " queries, rewards.jsonl holds " + it.queries);
            }
            if (it.iteration < completed && it.record == null) {
                notes.add("iteration " + it.iteration + " committed but has no line in " + RunDirectory.ITERATIONS
                        + " (no times, k-NN accuracy or tier mass)");
            }
        }
        if (groundTruth != null && notInGroundTruth > 0) {
            notes.add(notInGroundTruth + (notInGroundTruth == 1 ? " downloaded image has an id that is"
                    : " downloaded images have ids that are") + " not in " + groundTruth.file().getFileName()
                    + "; left out of the relevant fractions (is it this pool's eval file?)");
        }

        int scatterIt = chooseScatterIteration();
        List<QueryPoint> scatter = iterations.containsKey(scatterIt) ? iterations.get(scatterIt).points : List.of();
        String statusText = statusText(status, holder, completed, planned, uncommittedTotal, dir);
        RunReport.GroundTruthInfo gt = groundTruth == null ? null
                : new RunReport.GroundTruthInfo(groundTruth.file().toString(), groundTruth.relevantTopics(),
                        groundTruth.size(), groundTruth.topics(), notInGroundTruth);
        return new RunReport(dir.toString(), name, planned, completed, status, statusText,
                holder.pid(), gt, rows, topObserved(), topPredicted(), failures, dropped, uncommitted,
                List.copyOf(problems), problemCount, notes, null, (System.nanoTime() - t0) / 1e9, engineSummaries(dir),
                new RunReport.Details(scatterIt, scatter));
    }

    private String statusText(Status status, LockProbe.Holder holder, int completed, Integer planned,
            long uncommittedTotal, Path dir) {
        String of = planned == null ? "" : " of " + planned;
        String lines = uncommittedTotal == 1 ? "1 line" : uncommittedTotal + " lines";
        String linesAre = uncommittedTotal == 1 ? "1 line is" : uncommittedTotal + " lines are";
        return switch (status) {
            case RUNNING -> "pid " + holder.pid() + " is writing it; " + completed + of + " iterations committed; iteration "
                    + completed + " in progress (" + lines + " written since the last commit)";
            case FINISHED -> "all " + completed + of + " iterations committed";
            case CRASHED -> "no process is writing it, and iteration " + completed + " never committed: the process stopped "
                    + "during it (crashed or was killed) after " + completed + of + " committed iterations. Its " + linesAre
                    + " shown as uncommitted; explorer resume " + dir + " discards them and redoes the iteration";
            case STOPPED -> "no process is writing it; " + completed + of + " iterations committed; continue with: "
                    + "explorer resume " + dir;
            case UNKNOWN -> completed + of + " iterations committed; whether a process is still writing the run is "
                    + "unknown (the OS lock table cannot be read here)"
                    + (uncommittedTotal > 0 ? "; " + linesAre + " beyond the last commit, shown as uncommitted" : "");
            case DAMAGED -> "damaged: " + RunDirectory.STATE + " or a log cannot be trusted (see the problems below); "
                    + "explorer resume " + dir + " refuses it and says what to do. Nothing shown here is certain to have "
                    + "committed";
        };
    }

    private int chooseScatterIteration() {
        if (options.scatterIteration() != null) {
            if (!iterations.containsKey(options.scatterIteration())) {
                notes.add("iteration " + options.scatterIteration() + " has no queries; the scatter view is empty");
            }
            return options.scatterIteration();
        }
        // the latest iteration whose queries have both a prediction and a score
        for (Iter it : iterations.descendingMap().values()) {
            if (it.points.stream().anyMatch(p -> p.predictedMean() != null && p.score() != null)) {
                return it.iteration;
            }
        }
        return iterations.isEmpty() ? 0 : iterations.lastKey();
    }

    private interface LineHandler {
        void handle(String file, long line, byte[] bytes, int length, boolean committed);
    }

    private void readLog(Path dir, String name, long committedLength, LineHandler handler) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            notes.add("no " + name + " yet");
            return;
        }
        long[] uncommittedLines = {0};
        long size = JsonLines.read(file, (lineNumber, end, bytes, length, terminated) -> {
            boolean committed = end <= committedLength;
            if (!committed) {
                uncommittedLines[0]++;
            }
            if (!terminated) {
                if (writerActive && !committed) {
                    // the loop is appending this very line; the next refresh will see it whole
                    notes.add(name + ": the last line is still being written; left for the next refresh");
                } else {
                    problem(new LogProblem(name, lineNumber, "truncated: the last line has no newline (" + length
                            + " bytes; a writer was cut off mid-line), skipped"));
                }
                return;
            }
            if (length == 0) {
                problem(new LogProblem(name, lineNumber, "empty line, skipped"));
                return;
            }
            handler.handle(name, lineNumber, bytes, length, committed);
        });
        long fileLength = Files.size(file);
        if (fileLength < committedLength) {
            shortLog = true;
            problem(new LogProblem(name, 0, "is " + fileLength + " bytes, shorter than the " + committedLength
                    + " bytes committed in state.json: committed lines were lost or the file was replaced"));
        }
        if (uncommittedLines[0] > 0) {
            uncommitted.put(name, uncommittedLines[0]);
        }
        if (size == 0) {
            notes.add(name + " is empty");
        }
    }

    /**
     * Binds one line straight to its record (one pass, no intermediate tree: this is the hot loop
     * on long runs), telling malformed JSON from JSON that is not such a record. Null when skipped.
     */
    private <T> T bind(ObjectReader reader, String what, String file, long line, byte[] bytes, int length) {
        try {
            T value = reader.readValue(bytes, 0, length);
            if (value == null) {
                problem(new LogProblem(file, line, "not a JSON object, skipped"));
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            // databind wraps parse errors met inside a record; the cause chain tells them apart
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof JsonParseException p) {
                    problem(new LogProblem(file, line, "malformed JSON (" + shorten(p.getOriginalMessage()) + "), skipped"));
                    return null;
                }
            }
            int i = 0;
            while (i < length && Character.isWhitespace(bytes[i])) {
                i++;
            }
            if (i < length && bytes[i] != '{') {
                problem(new LogProblem(file, line, "not a JSON object, skipped"));
            } else {
                problem(new LogProblem(file, line, "not " + what + " (" + shorten(originalMessage(e)) + "), skipped"));
            }
        }
        return null;
    }

    private static final byte[] ITERATION_KEY = "\"iteration\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private void queryLine(String file, long line, byte[] bytes, int length, boolean committed) {
        QueryRecord q = bind(QUERY, "a query record", file, line, bytes, length);
        if (q == null) {
            return;
        }
        if (q.conceptId() == null || q.iteration() < 0 || !contains(bytes, length, ITERATION_KEY)) {
            problem(new LogProblem(file, line, "not a query record (needs iteration and conceptId), skipped"));
            return;
        }
        Iter iter = iterations.computeIfAbsent(q.iteration(), Iter::new);
        iter.add(q, committed);
        engineLine(q);
        if (q.failures() != null) {
            q.failures().forEach((k, v) -> {
                if (v != null) {
                    failures.merge(k, v.longValue(), Long::sum);
                    iter.failures.merge(k, v.longValue(), Long::sum);
                }
            });
        }
        if (q.dropped() != null) {
            dropped.merge(q.dropped(), 1L, Long::sum);
        }
        concepts.computeIfAbsent(q.conceptId(), id -> new Concept(id, q.concept())).add(q, options.bestImagesPerConcept());
    }

    /** Per engine, from the query lines (committed or not) and engines.json. */
    private final Map<String, long[]> engineCounts = new java.util.TreeMap<>();
    private final Map<String, Map<String, Long>> engineFailures = new java.util.TreeMap<>();
    private final Map<String, Map<String, Long>> engineLicences = new java.util.TreeMap<>();

    private void engineLine(QueryRecord q) {
        String e = q.engine() != null ? q.engine() : "pool";
        long[] c = engineCounts.computeIfAbsent(e, k -> new long[3]);
        c[0]++;
        c[1] += q.hits();
        c[2] += q.downloaded();
        if (q.failures() != null) {
            q.failures().forEach((k, v) -> engineFailures.computeIfAbsent(e, x -> new java.util.TreeMap<>())
                    .merge(k, v == null ? 0L : v.longValue(), Long::sum));
        }
        if (q.images() != null) {
            for (QueryRecord.ImageResult img : q.images()) {
                engineLicences.computeIfAbsent(e, x -> new java.util.TreeMap<>())
                        .merge(img.licence() == null ? "unknown" : img.licence(), 1L, Long::sum);
            }
        }
    }

    private List<RunReport.EngineSummary> engineSummaries(Path dir) {
        Map<String, dev.explorer.run.EngineStats.Engine> stats = new java.util.HashMap<>();
        for (var s : dev.explorer.run.EngineStats.read(dir)) {
            stats.put(s.engine(), s);
        }
        List<RunReport.EngineSummary> out = new ArrayList<>();
        engineCounts.forEach((e, c) -> out.add(new RunReport.EngineSummary(e, c[0], c[1], c[2],
                engineFailures.getOrDefault(e, Map.of()), engineLicences.getOrDefault(e, Map.of()), stats.remove(e))));
        stats.forEach((e, s) -> out.add(new RunReport.EngineSummary(e, 0, 0, 0, Map.of(), Map.of(), s)));
        return out;
    }

    private void iterationLine(String file, long line, byte[] bytes, int length, boolean committed) {
        IterationRecord r = bind(ITERATION, "an iteration record", file, line, bytes, length);
        if (r == null) {
            return;
        }
        if (r.iteration() < 0 || !contains(bytes, length, ITERATION_KEY)) {
            problem(new LogProblem(file, line, "not an iteration record (needs iteration), skipped"));
            return;
        }
        Iter iter = iterations.computeIfAbsent(r.iteration(), Iter::new);
        if (iter.record != null) {
            problem(new LogProblem(file, line, "a second line for iteration " + r.iteration() + "; the later one is used"));
        }
        iter.record = r;
        iter.recordCommitted = committed;
    }

    static boolean contains(byte[] hay, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void problem(LogProblem p) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    private List<ConceptSummary> topObserved() {
        return concepts.values().stream().filter(c -> c.scored > 0)
                .sorted(Comparator.comparingDouble((Concept c) -> -c.sumScore / c.scored)
                        .thenComparing(c -> -c.best).thenComparing(c -> c.id))
                .limit(options.top()).map(Concept::summary).toList();
    }

    private List<ConceptSummary> topPredicted() {
        return concepts.values().stream().filter(c -> c.predictedMean != null)
                .sorted(Comparator.comparingDouble((Concept c) -> -c.predictedMean).thenComparing(c -> c.id))
                .limit(options.top()).map(Concept::summary).toList();
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        s = s.replace('\n', ' ');
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** Accumulates one iteration. */
    private final class Iter {
        final int iteration;
        int queries;
        int scored;
        int droppedQueries;
        long downloaded;
        long kept;
        double sumScore;
        Double best;
        long relevant;
        long judged;
        boolean uncommittedLines;
        final Map<String, Long> failures = new TreeMap<>();
        final Map<String, Boolean> distinct = new LinkedHashMap<>(); // sha -> relevant (null when not judged)
        long acceptedResults;
        double[] rewards = new double[64];
        int nRewards;
        final List<QueryPoint> points = new ArrayList<>();
        IterationRecord record;
        boolean recordCommitted;

        Iter(int iteration) {
            this.iteration = iteration;
        }

        void add(QueryRecord q, boolean committed) {
            queries++;
            uncommittedLines |= !committed;
            downloaded += q.downloaded();
            if (q.score() != null) {
                scored++;
                sumScore += q.score();
                best = best == null ? q.score() : Math.max(best, q.score());
            }
            if (q.dropped() != null) {
                droppedQueries++;
            }
            if (q.images() != null) {
                for (QueryRecord.ImageResult img : q.images()) {
                    if (img == null) {
                        continue;
                    }
                    if (img.kept()) {
                        kept++;
                    }
                    if (img.failure() == null && img.reward() != null) {
                        if (nRewards == rewards.length) {
                            rewards = Arrays.copyOf(rewards, rewards.length * 2);
                        }
                        rewards[nRewards++] = img.reward();
                    }
                    if (img.failure() == null && img.sha256() != null) {
                        acceptedResults++;
                        String t = groundTruth == null ? null : groundTruth.topic(img.id());
                        distinct.putIfAbsent(img.sha256(), t == null ? null : groundTruth.isRelevant(t));
                    }
                    if (groundTruth != null && img.failure() == null) {
                        String topic = groundTruth.topic(img.id());
                        if (topic == null) {
                            notInGroundTruth++;
                        } else {
                            judged++;
                            if (groundTruth.isRelevant(topic)) {
                                relevant++;
                            }
                        }
                    }
                }
            }
            points.add(new QueryPoint(q.query(), q.concept(), q.predictedMean(), q.predictedStd(), q.score(), q.downloaded(),
                    q.dropped()));
        }

        /** Counts by distinct image; {@code ever} holds every image of earlier iterations and is updated. */
        RunReport.Discovery discovery(Map<String, Boolean> ever) {
            long fresh = 0;
            long freshRelevant = 0;
            long judgedDistinct = 0;
            long relevantDistinct = 0;
            for (Map.Entry<String, Boolean> e : distinct.entrySet()) {
                if (e.getValue() != null) {
                    judgedDistinct++;
                    relevantDistinct += e.getValue() ? 1 : 0;
                }
                if (!ever.containsKey(e.getKey())) {
                    fresh++;
                    freshRelevant += Boolean.TRUE.equals(e.getValue()) ? 1 : 0;
                    ever.put(e.getKey(), e.getValue());
                }
            }
            long unique = ever.values().stream().filter(Boolean.TRUE::equals).count();
            boolean gt = groundTruth != null;
            return new RunReport.Discovery(distinct.size(), fresh,
                    distinct.isEmpty() ? null : acceptedResults / (double) distinct.size(),
                    gt && judgedDistinct > 0 ? relevantDistinct / (double) judgedDistinct : null,
                    gt ? freshRelevant : null, gt ? unique : null);
        }

        IterationSummary summary(int completed, Status status, RunReport.Discovery discovery) {
            boolean pending = uncommittedLines || iteration >= completed || (record != null && !recordCommitted);
            String state = !pending ? "committed" : status == Status.RUNNING ? "in progress" : "uncommitted";
            IterationRecord r = record;
            Map<String, Double> seconds = new LinkedHashMap<>();
            Double total = null;
            if (r != null && r.seconds() != null) {
                // phases only; a logged "total" is taken as the total rather than stacked as a phase
                r.seconds().forEach((k, v) -> {
                    if (v != null && !k.equals("total")) {
                        seconds.put(k, v);
                    }
                });
                Double logged = r.seconds().get("total");
                total = logged != null ? logged
                        : seconds.isEmpty() ? null : seconds.values().stream().mapToDouble(Double::doubleValue).sum();
            }
            return new IterationSummary(iteration, state, queries, scored, droppedQueries, downloaded, kept,
                    scored == 0 ? null : sumScore / scored, best,
                    groundTruth == null || judged == 0 ? null : (double) relevant / judged, relevant, judged, discovery,
                    r == null ? null : r.knnAccuracy(), r == null ? null : r.trainLoss(), seconds, total,
                    r == null || r.tierMass() == null ? Map.of() : r.tierMass(), failures, distribution());
        }

        Distribution distribution() {
            if (nRewards == 0) {
                return null;
            }
            double[] v = Arrays.copyOf(rewards, nRewards);
            Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return new Distribution(nRewards, v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75),
                    v[nRewards - 1], sum / nRewards);
        }
    }

    /** Linear interpolation between closest ranks (numpy's default). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Accumulates one concept over all its queries. */
    private static final class Concept {
        final String id;
        String concept;
        int queries;
        int scored;
        double sumScore;
        double best = Double.NEGATIVE_INFINITY;
        Double predictedMean;
        Double predictedStd;
        int lastIteration = -1;
        final List<BestImage> bestImages = new ArrayList<>();

        Concept(String id, String concept) {
            this.id = id;
            this.concept = concept;
        }

        void add(QueryRecord q, int keep) {
            queries++;
            if (q.score() != null) {
                scored++;
                sumScore += q.score();
                best = Math.max(best, q.score());
            }
            if (q.iteration() >= lastIteration) {
                lastIteration = q.iteration();
                if (q.predictedMean() != null) {
                    predictedMean = q.predictedMean();
                    predictedStd = q.predictedStd();
                }
                if (q.concept() != null) {
                    concept = q.concept();
                }
            }
            if (q.images() == null || keep <= 0) {
                return;
            }
            for (QueryRecord.ImageResult img : q.images()) {
                if (img == null || !img.kept() || img.sha256() == null || img.reward() == null || img.failure() != null) {
                    continue;
                }
                double r = img.reward();
                if (bestImages.size() == keep && r <= bestImages.get(keep - 1).reward()) {
                    continue;
                }
                if (bestImages.stream().anyMatch(b -> b.sha256().equals(img.sha256()))) {
                    continue;
                }
                bestImages.add(new BestImage(img.id(), img.sha256(), r, q.query(), q.iteration()));
                bestImages.sort(Comparator.comparingDouble(b -> -b.reward()));
                if (bestImages.size() > keep) {
                    bestImages.remove(bestImages.size() - 1);
                }
            }
        }

        ConceptSummary summary() {
            return new ConceptSummary(id, concept, queries, scored, scored == 0 ? null : sumScore / scored,
                    scored == 0 ? null : best, predictedMean, predictedStd, lastIteration, List.copyOf(bestImages));
        }
    }
}
