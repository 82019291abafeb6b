package dev.explorer.report;

import dev.explorer.report.RunReport.ConceptSummary;
import dev.explorer.report.RunReport.IterationSummary;
import dev.explorer.report.RunReport.LogProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal summary: plain text tables that fit in 120 columns. */
public final class TextReport {
    /** Problems listed in the terminal; --json and the page list up to {@value RunReader#MAX_PROBLEMS}. */
    static final int PROBLEMS_SHOWN = 20;

    private TextReport() {}

    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("Run ").append(r.runDir()).append(r.name() == null ? "" : "  (" + r.name() + ")").append('\n');
        sb.append("Status: ").append(r.status().name().toLowerCase(Locale.ROOT)).append(": ").append(r.statusText()).append('\n');
        if (r.groundTruth() != null) {
            sb.append("Ground truth: ").append(r.groundTruth().file()).append(" (").append(r.groundTruth().images())
                    .append(" images); relevant topics: ").append(String.join(", ", r.groundTruth().relevantTopics())).append('\n');
        }
        sb.append('\n');

        List<IterationSummary> its = r.iterations();
        if (its.isEmpty()) {
            sb.append("No query logged yet.\n");
        } else {
            boolean gt = r.groundTruth() != null;
            boolean knn = its.stream().anyMatch(i -> i.knnAccuracy() != null);
            List<String> head = new ArrayList<>(List.of("iter", "state", "queries", "dropped", "distinct", "new",
                    "res/img", "kept", "mean score", "best score"));
            if (gt) {
                head.addAll(List.of("rel share", "new rel", "unique rel", "rel/result"));
            }
            if (knn) {
                head.add("k-NN acc");
            }
            head.add("time s");
            List<List<String>> rows = new ArrayList<>();
            for (IterationSummary it : its) {
                RunReport.Discovery d = it.discovery();
                List<String> row = new ArrayList<>(List.of(Integer.toString(it.iteration()), it.state(),
                        Integer.toString(it.queries()), Integer.toString(it.dropped()), Long.toString(d.distinctImages()),
                        Long.toString(d.newImages()), n(d.resultsPerImage()), Long.toString(it.kept()), n(it.meanScore()),
                        n(it.bestScore())));
                if (gt) {
                    row.addAll(List.of(n(d.relevantDistinctShare()), d.newRelevant() == null ? "-" : Long.toString(d.newRelevant()),
                            d.uniqueRelevant() == null ? "-" : Long.toString(d.uniqueRelevant()), n(it.relevantFraction())));
                }
                if (knn) {
                    row.add(n(it.knnAccuracy()));
                }
                row.add(n(it.totalSeconds()));
                rows.add(row);
            }
            sb.append("Iterations (distinct = images accepted, each once; new = never accepted in an earlier iteration;\n"
                    + "res/img = accepted results per distinct image" + (gt ? "; rel share = relevant share of the distinct "
                    + "images; new rel / unique rel = relevant images new this iteration / found so far; rel/result = the\n"
                    + "relevant share counted once per (query, result), the first release's measure" : "") + ")\n");
            table(sb, head, rows);

            List<String> phases = new ArrayList<>();
            for (IterationSummary it : its) {
                for (String k : it.seconds().keySet()) {
                    if (!phases.contains(k)) {
                        phases.add(k);
                    }
                }
            }
            if (!phases.isEmpty()) {
                List<String> ph = new ArrayList<>(List.of("iter"));
                ph.addAll(phases);
                ph.add("total");
                List<List<String>> prow = new ArrayList<>();
                for (IterationSummary it : its) {
                    if (it.seconds().isEmpty()) {
                        continue;
                    }
                    List<String> row = new ArrayList<>(List.of(Integer.toString(it.iteration())));
                    for (String p : phases) {
                        row.add(n(it.seconds().get(p)));
                    }
                    row.add(n(it.totalSeconds()));
                    prow.add(row);
                }
                sb.append("\nTime per phase (seconds)\n");
                table(sb, ph, prow);
            }
        }

        sb.append("\nTop concepts by observed score (mean query score over its queries)\n");
        concepts(sb, r.topObserved(), true);
        sb.append("\nTop concepts by predicted score (the model's latest mean when the concept was sampled)\n");
        concepts(sb, r.topPredicted(), false);

        sb.append("\nFailed images by kind: ").append(counts(r.failures(), "none")).append('\n');
        sb.append("Unscored queries by reason: ").append(counts(r.dropped(), "none")).append('\n');
        if (r.engines() != null && !r.engines().isEmpty()) {
            sb.append("\nEngines\n");
            for (RunReport.EngineSummary e : r.engines()) {
                sb.append(String.format("  %-15s %d queries, %d results, %d downloaded; failed: %s; licences: %s%n", e.engine(),
                        e.queries(), e.results(), e.downloaded(), counts(e.failures(), "none"), counts(e.licences(), "none")));
                if (e.requests() != null) {
                    var q = e.requests();
                    sb.append(String.format("  %-15s %d requests, %d retries, %d failed, %d over budget %s; breaker %s"
                            + " (opened %d times)%n", "", q.requests(), q.retries(), q.failures(), q.overBudget(),
                            q.budgets(), q.breaker(), q.breakerOpened()));
                }
            }
        }
        if (!r.uncommittedLines().isEmpty()) {
            sb.append("Lines beyond the last commit: ").append(counts(r.uncommittedLines(), "none")).append('\n');
        }

        if (!r.notes().isEmpty()) {
            sb.append("\nNotes\n");
            for (String n : r.notes()) {
                sb.append("  ").append(n).append('\n');
            }
        }
        if (r.problemCount() > 0) {
            sb.append("\nLog problems (").append(r.problemCount()).append(r.problemCount() == 1 ? " line" : " lines")
                    .append(" skipped or suspect)\n");
            int shown = 0;
            for (LogProblem p : r.problems()) {
                if (shown++ == PROBLEMS_SHOWN) {
                    break;
                }
                sb.append("  ").append(p.file()).append(p.line() > 0 ? ":" + p.line() : "").append("  ").append(p.problem()).append('\n');
            }
            if (r.problemCount() > Math.min(PROBLEMS_SHOWN, r.problems().size())) {
                sb.append("  ... and ").append(r.problemCount() - Math.min(PROBLEMS_SHOWN, r.problems().size()))
                        .append(" more (all of the first ").append(RunReader.MAX_PROBLEMS).append(" in --json and the page)\n");
            }
        }
        if (r.html() != null) {
            sb.append("\nReport page: ").append(r.html()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Read in %.2f s%n", r.readSeconds()));
        return sb.toString();
    }

    private static void concepts(StringBuilder sb, List<ConceptSummary> cs, boolean observed) {
        if (cs.isEmpty()) {
            sb.append(observed ? "  no scored query yet\n" : "  no prediction yet (before the first model fit)\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (ConceptSummary c : cs) {
            rows.add(List.of(Integer.toString(rank++), c.concept() == null ? "" : c.concept(),
                    observed ? n(c.meanScore()) : n(c.predictedMean()) + (c.predictedStd() == null ? "" : " \u00b1 " + n(c.predictedStd())),
                    observed ? n(c.bestScore()) : n(c.meanScore()), Integer.toString(c.queries()), c.conceptId()));
        }
        table(sb, List.of("#", "concept", observed ? "mean score" : "predicted", observed ? "best" : "observed", "queries", "id"), rows);
    }

    private static String counts(Map<String, Long> m, String none) {
        if (m.isEmpty()) {
            return none;
        }
        StringBuilder sb = new StringBuilder();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(e.getValue());
        });
        return sb.toString();
    }

    /** Left-aligns the first two columns of text, right-aligns numbers. */
    private static void table(StringBuilder sb, List<String> head, List<List<String>> rows) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = head.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        line(sb, head, w);
        for (List<String> r : rows) {
            line(sb, r, w);
        }
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append(' ');
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            boolean left = !c.isEmpty() && !Character.isDigit(c.charAt(0)) && c.charAt(0) != '-' && c.charAt(0) != '\u2013';
            sb.append(' ');
            if (left) {
                sb.append(c).append(" ".repeat(w[i] - c.length()));
            } else {
                sb.append(" ".repeat(w[i] - c.length())).append(c);
            }
        }
        // no trailing blanks
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    static String n(Double v) {
        return v == null ? "-" : Svg.num(v);
    }
}
