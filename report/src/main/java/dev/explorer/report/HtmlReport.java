package dev.explorer.report;

import static dev.explorer.config.common.Html.esc;

import dev.explorer.report.RunReport.BestImage;
import dev.explorer.report.RunReport.ConceptSummary;
import dev.explorer.report.RunReport.IterationSummary;
import dev.explorer.report.RunReport.LogProblem;
import dev.explorer.report.RunReport.QueryPoint;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: inline CSS, inline SVG charts and
 * thumbnails as data URIs, no script and no outside resource (a Content-Security-Policy forbids
 * them), so the page opens offline and survives being copied or mailed.
 */
public final class HtmlReport {
    /** Thumbnails larger than this are not embedded (the run stores them resized, so this is rare). */
    static final long MAX_THUMBNAIL_BYTES = 256 * 1024;
    /** Rows of the one-iteration query table; the scatter shows them all. */
    static final int MAX_QUERY_ROWS = 50;
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{8,128}");

    private HtmlReport() {}

    public static String render(RunReport r, Path runDir) {
        StringBuilder h = new StringBuilder(1 << 16);
        String title = "Explorer run " + (r.name() != null ? r.name() : runDir.getFileName());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1><p class=\"dir\">").append(esc(r.runDir()))
                .append("</p><p class=\"status status-").append(r.status().name().toLowerCase(Locale.ROOT)).append("\" id=\"status\"><b>")
                .append(r.status().name().toLowerCase(Locale.ROOT)).append("</b>: ").append(esc(r.statusText())).append("</p>");
        long queries = r.iterations().stream().mapToLong(IterationSummary::queries).sum();
        long downloaded = r.iterations().stream().mapToLong(IterationSummary::downloaded).sum();
        long kept = r.iterations().stream().mapToLong(IterationSummary::kept).sum();
        h.append("<ul class=\"kpi\">")
                .append(kpi("iterations committed", r.completedIterations() + (r.plannedIterations() == null ? "" : " / " + r.plannedIterations())))
                .append(kpi("queries", Long.toString(queries)))
                .append(kpi("images downloaded", Long.toString(downloaded)))
                .append(kpi("images kept", Long.toString(kept)))
                .append(kpi("log problems", Long.toString(r.problemCount())))
                .append("</ul>");
        if (r.groundTruth() != null) {
            h.append("<p class=\"gt\">Ground truth: ").append(esc(r.groundTruth().file())).append(" (")
                    .append(r.groundTruth().images()).append(" images); relevant topics: ")
                    .append(esc(String.join(", ", r.groundTruth().relevantTopics()))).append("</p>");
        }
        h.append("<p class=\"generated\">Generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" by <code>explorer report</code>; the run was read in ")
                .append(String.format(Locale.ROOT, "%.2f", r.readSeconds())).append(" s.</p></header>\n");

        if (!r.notes().isEmpty() || r.problemCount() > 0) {
            h.append("<section id=\"problems\"><h2>What the report found</h2><ul>");
            for (String n : r.notes()) {
                h.append("<li>").append(esc(n)).append("</li>");
            }
            for (LogProblem p : r.problems()) {
                h.append("<li class=\"problem\"><code>").append(esc(p.file())).append(p.line() > 0 ? ":" + p.line() : "")
                        .append("</code> ").append(esc(p.problem())).append("</li>");
            }
            if (r.problemCount() > r.problems().size()) {
                h.append("<li>... and ").append(r.problemCount() - r.problems().size()).append(" more problems</li>");
            }
            h.append("</ul></section>\n");
        }

        h.append("<section id=\"charts\"><h2>Charts</h2><div class=\"grid\">\n");
        charts(h, r);
        h.append("</div></section>\n");

        iterationTable(h, r);
        queryTable(h, r);
        h.append("<section id=\"concepts\"><h2>Top concepts</h2><div class=\"two\">");
        conceptTable(h, "By observed score (mean query score)", "top-observed", r.topObserved(), runDir, true);
        conceptTable(h, "By predicted score (latest prediction when sampled)", "top-predicted", r.topPredicted(), runDir, false);
        h.append("</div></section>\n");
        failureTable(h, r);
        engineTable(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void charts(StringBuilder h, RunReport r) {
        List<IterationSummary> its = r.iterations();
        double[] x = its.stream().mapToDouble(IterationSummary::iteration).toArray();
        Set<Integer> pending = new LinkedHashSet<>();
        for (IterationSummary it : its) {
            if (!it.state().equals("committed")) {
                pending.add(it.iteration());
            }
        }
        Double[] mean = its.stream().map(IterationSummary::meanScore).toArray(Double[]::new);
        Double[] best = its.stream().map(IterationSummary::bestScore).toArray(Double[]::new);
        figure(h, Svg.lineChart("chart-score", "Query score per iteration", "iteration", "query score",
                List.of(new Svg.Series("mean query score", x, mean, false), new Svg.Series("best query score", x, best, true)),
                null, null, pending, "no scored query yet"),
                "Query score: mean of the top image rewards of a query. Mean and best over the iteration's scored queries.");

        List<Svg.Series> quality = new ArrayList<>();
        Double[] rel = its.stream().map(i -> i.discovery().relevantDistinctShare()).toArray(Double[]::new);
        Double[] perResult = its.stream().map(IterationSummary::relevantFraction).toArray(Double[]::new);
        Double[] knn = its.stream().map(IterationSummary::knnAccuracy).toArray(Double[]::new);
        if (r.groundTruth() != null) {
            quality.add(new Svg.Series("relevant share of distinct images", x, rel, false));
            quality.add(new Svg.Series("relevant per (query, result)", x, perResult, true));
        }
        if (java.util.Arrays.stream(knn).anyMatch(v -> v != null)) {
            quality.add(new Svg.Series("k-NN accuracy", x, knn, true));
        }
        String qualityEmpty = r.groundTruth() == null
                ? "no ground truth given (--ground-truth FILE --relevant TOPIC,...)\nand no k-NN accuracy logged"
                : "no downloaded image found in the ground truth yet";
        figure(h, Svg.lineChart("chart-relevant", "Relevant fraction and k-NN accuracy", "iteration", "fraction",
                quality, 0.0, 1.0, pending, qualityEmpty),
                r.groundTruth() == null ? "Relevant fraction needs the pool's ground truth (evaluation only; the agent never sees it)."
                        : "Fraction of the iteration's downloaded images whose ground-truth topic is one of: "
                                + String.join(", ", r.groundTruth().relevantTopics()) + ".");

        List<Svg.Box> boxes = new ArrayList<>();
        for (IterationSummary it : its) {
            RunReport.Distribution d = it.rewards();
            if (d != null) {
                boxes.add(new Svg.Box(it.iteration(), d.n(), d.min(), d.q1(), d.median(), d.q3(), d.max(), d.mean()));
            }
        }
        figure(h, Svg.boxPlot("chart-rewards", "Image rewards per iteration", "iteration", "image reward", boxes, pending,
                "no image reward yet"), "Distribution of the rewards of every downloaded image, per iteration.");

        List<String> tierKeys = new ArrayList<>();
        for (IterationSummary it : its) {
            for (String k : it.tierMass().keySet()) {
                if (!tierKeys.contains(k)) {
                    tierKeys.add(k);
                }
            }
        }
        List<Svg.Series> tiers = new ArrayList<>();
        for (String k : tierKeys) {
            tiers.add(new Svg.Series(k, x, its.stream().map(it -> it.tierMass().get(k)).toArray(Double[]::new), false));
        }
        figure(h, Svg.lineChart("chart-tiers", "Sampling mass held by the top tiers", "iteration", "probability mass",
                tiers, 0.0, 1.0, pending, "no iteration record with tier mass yet"),
                "Share of the sampling distribution on the best-ranked concepts after each iteration's update.");

        List<String> phases = new ArrayList<>();
        for (IterationSummary it : its) {
            for (String k : it.seconds().keySet()) {
                if (!phases.contains(k)) {
                    phases.add(k);
                }
            }
        }
        List<IterationSummary> timed = its.stream().filter(it -> !it.seconds().isEmpty()).toList();
        double[] tx = timed.stream().mapToDouble(IterationSummary::iteration).toArray();
        double[][] tv = new double[timed.size()][phases.size()];
        for (int i = 0; i < timed.size(); i++) {
            for (int p = 0; p < phases.size(); p++) {
                Double v = timed.get(i).seconds().get(phases.get(p));
                tv[i][p] = v == null ? 0 : v;
            }
        }
        figure(h, Svg.stackedBars("chart-time", "Time per phase", "iteration", "seconds", tx, phases, tv, pending,
                "no iteration record with times yet"), "Wall time of each phase; an iteration's times are logged when it ends.");

        int sit = r.details() == null ? 0 : r.details().scatterIteration();
        List<QueryPoint> qp = r.details() == null ? List.of() : r.details().scatter();
        List<Svg.Point> pts = new ArrayList<>();
        int noPrediction = 0;
        int noScore = 0;
        for (QueryPoint p : qp) {
            if (p.score() == null) {
                noScore++;
            } else if (p.predictedMean() == null) {
                noPrediction++;
            } else {
                pts.add(new Svg.Point(p.predictedMean(), p.score(), p.predictedStd(),
                        p.query() + ": predicted " + Svg.num(p.predictedMean())
                                + (p.predictedStd() == null ? "" : " \u00b1 " + Svg.num(p.predictedStd()))
                                + ", observed " + Svg.num(p.score())));
            }
        }
        String caption = qp.size() + " queries of iteration " + sit + "; " + pts.size() + " plotted"
                + (noPrediction > 0 ? ", " + noPrediction + " without a prediction (sampled before the first model fit)" : "")
                + (noScore > 0 ? ", " + noScore + " not scored (dropped)" : "")
                + ". Choose another iteration with --iteration N.";
        figure(h, Svg.scatter("chart-scatter", "Iteration " + sit + ": predicted vs observed query score",
                "predicted score (model mean)", "observed query score", pts, true,
                qp.isEmpty() ? "no query in iteration " + sit : "no query with both a prediction and a score"), caption);
    }

    private static void figure(StringBuilder h, String svg, String caption) {
        h.append("<figure>").append(svg).append("<figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static void iterationTable(StringBuilder h, RunReport r) {
        List<String> phases = new ArrayList<>();
        for (IterationSummary it : r.iterations()) {
            for (String k : it.seconds().keySet()) {
                if (!phases.contains(k)) {
                    phases.add(k);
                }
            }
        }
        h.append("<section id=\"iterations\"><h2>Iterations</h2><div class=\"scroll\"><table class=\"num\"><thead><tr>")
                .append("<th>iteration</th><th>state</th><th>queries</th><th>dropped</th><th>distinct images</th>")
                .append("<th>new images</th><th>results per image</th><th>kept</th>")
                .append("<th>mean score</th><th>best score</th><th>relevant share (distinct)</th><th>new relevant</th>")
                .append("<th>unique relevant so far</th><th>relevant per result</th><th>k-NN acc.</th><th>train loss</th>");
        for (String p : phases) {
            h.append("<th>").append(esc(p)).append(" s</th>");
        }
        h.append("<th>total s</th></tr></thead><tbody>");
        if (r.iterations().isEmpty()) {
            h.append("<tr><td colspan=\"12\">no query logged yet</td></tr>");
        }
        for (IterationSummary it : r.iterations()) {
            h.append("<tr class=\"").append(it.state().replace(' ', '-')).append("\"><td>").append(it.iteration())
                    .append("</td><td>").append(esc(it.state())).append("</td><td>").append(it.queries()).append("</td><td>")
                    .append(it.dropped()).append("</td><td>").append(it.discovery().distinctImages()).append("</td><td>")
                    .append(it.discovery().newImages()).append("</td><td>").append(n(it.discovery().resultsPerImage()))
                    .append("</td><td>").append(it.kept())
                    .append("</td><td>").append(n(it.meanScore())).append("</td><td>").append(n(it.bestScore()))
                    .append("</td><td>").append(n(it.discovery().relevantDistinctShare())).append("</td><td>")
                    .append(it.discovery().newRelevant() == null ? "-" : it.discovery().newRelevant()).append("</td><td>")
                    .append(it.discovery().uniqueRelevant() == null ? "-" : it.discovery().uniqueRelevant()).append("</td><td>")
                    .append(n(it.relevantFraction())).append("</td><td>").append(n(it.knnAccuracy()))
                    .append("</td><td>").append(n(it.trainLoss())).append("</td>");
            for (String p : phases) {
                h.append("<td>").append(n(it.seconds().get(p))).append("</td>");
            }
            h.append("<td>").append(n(it.totalSeconds())).append("</td></tr>");
        }
        h.append("</tbody></table></div></section>\n");
    }

    /** The scatter's iteration as a table: best observed first, then unscored queries. */
    private static void queryTable(StringBuilder h, RunReport r) {
        if (r.details() == null) {
            return;
        }
        List<QueryPoint> qs = new ArrayList<>(r.details().scatter());
        qs.sort(java.util.Comparator.comparing((QueryPoint q) -> q.score() == null ? Double.NEGATIVE_INFINITY : q.score())
                .reversed());
        h.append("<section id=\"queries\"><h2>Queries of iteration ").append(r.details().scatterIteration())
                .append("</h2><p class=\"generated\">").append(qs.size()).append(" queries, best observed score first")
                .append(qs.size() > MAX_QUERY_ROWS ? "; the first " + MAX_QUERY_ROWS + " shown" : "")
                .append(". Choose the iteration with --iteration N.</p><table class=\"num\" id=\"query-table\"><thead><tr>")
                .append("<th>#</th><th>query</th><th>predicted</th><th>observed</th><th>error</th><th>downloaded</th>")
                .append("<th>not scored</th></tr></thead><tbody>");
        if (qs.isEmpty()) {
            h.append("<tr><td colspan=\"7\">no query in this iteration</td></tr>");
        }
        int i = 0;
        for (QueryPoint q : qs) {
            if (i == MAX_QUERY_ROWS) {
                break;
            }
            Double err = q.score() == null || q.predictedMean() == null ? null : q.score() - q.predictedMean();
            h.append("<tr><td>").append(++i).append("</td><td>").append(esc(q.query())).append("</td><td>")
                    .append(n(q.predictedMean())).append(q.predictedStd() == null ? "" : " \u00b1 " + n(q.predictedStd()))
                    .append("</td><td>").append(n(q.score())).append("</td><td>").append(n(err)).append("</td><td>")
                    .append(q.downloaded()).append("</td><td>").append(q.dropped() == null ? "" : esc(q.dropped()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void conceptTable(StringBuilder h, String title, String id, List<ConceptSummary> cs, Path runDir,
            boolean observed) {
        h.append("<div><h3>").append(esc(title)).append("</h3><table class=\"concepts\" id=\"").append(id)
                .append("\"><thead><tr><th>#</th><th>concept</th><th>")
                .append(observed ? "mean score" : "predicted").append("</th><th>")
                .append(observed ? "best" : "observed").append("</th><th>queries</th><th>best images</th></tr></thead><tbody>");
        if (cs.isEmpty()) {
            h.append("<tr><td colspan=\"6\">").append(observed ? "no scored query yet" : "no prediction yet (before the first model fit)")
                    .append("</td></tr>");
        }
        int rank = 1;
        for (ConceptSummary c : cs) {
            h.append("<tr><td>").append(rank++).append("</td><td><b>").append(esc(c.concept())).append("</b><br><small>")
                    .append(esc(c.conceptId())).append("</small></td><td>");
            if (observed) {
                h.append(n(c.meanScore())).append("</td><td>").append(n(c.bestScore()));
            } else {
                h.append(n(c.predictedMean())).append(c.predictedStd() == null ? "" : " \u00b1 " + n(c.predictedStd()))
                        .append("</td><td>").append(n(c.meanScore()));
            }
            h.append("</td><td>").append(c.queries()).append("</td><td class=\"thumbs\">");
            boolean any = false;
            for (BestImage b : c.bestImages()) {
                String uri = dataUri(runDir, b.sha256());
                if (uri != null) {
                    any = true;
                    h.append("<img class=\"thumb\" alt=\"").append(esc(c.concept())).append(" image\" title=\"")
                            .append(esc(b.query() + ", iteration " + b.iteration() + ", reward " + Svg.num(b.reward())))
                            .append("\" src=\"").append(uri).append("\">");
                }
            }
            if (!any) {
                h.append("<small>no stored image</small>");
            }
            h.append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    /** Per engine: counts, failures, licences, and the request counters with the breaker's state. */
    private static void engineTable(StringBuilder h, RunReport r) {
        if (r.engines() == null || r.engines().isEmpty()) {
            return;
        }
        h.append("<section id=\"engines\"><h2>Engines</h2><table><thead><tr><th>engine</th><th>queries</th><th>results</th>"
                + "<th>downloaded</th><th>failed images</th><th>licences</th><th>requests</th><th>retries</th>"
                + "<th>failed searches</th><th>over budget</th><th>breaker</th></tr></thead><tbody>");
        for (RunReport.EngineSummary e : r.engines()) {
            var q = e.requests();
            h.append("<tr><td>").append(esc(e.engine())).append("</td><td>").append(e.queries()).append("</td><td>")
                    .append(e.results()).append("</td><td>").append(e.downloaded()).append("</td><td>")
                    .append(esc(String.valueOf(e.failures()))).append("</td><td>").append(esc(String.valueOf(e.licences())))
                    .append("</td><td>").append(q == null ? "-" : Long.toString(q.requests())).append("</td><td>")
                    .append(q == null ? "-" : Long.toString(q.retries())).append("</td><td>")
                    .append(q == null ? "-" : Long.toString(q.failures())).append("</td><td>")
                    .append(q == null ? "-" : q.overBudget() + " " + esc(String.join(", ", q.budgets()))).append("</td><td>")
                    .append(q == null ? "-" : esc(q.breaker()) + " (opened " + q.breakerOpened() + "x)").append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void failureTable(StringBuilder h, RunReport r) {
        h.append("<section id=\"failures\"><h2>Failures</h2><div class=\"two\"><div><h3>Failed images by kind</h3><table class=\"kv\">"
                + "<thead><tr><th>kind</th><th>images</th></tr></thead><tbody>");
        rows(h, r.failures(), "no failed image");
        h.append("</tbody></table></div><div><h3>Unscored queries by reason</h3><table class=\"kv\">"
                + "<thead><tr><th>reason</th><th>queries</th></tr></thead><tbody>");
        rows(h, r.dropped(), "every query was scored");
        h.append("</tbody></table></div></div></section>\n");
    }

    private static void rows(StringBuilder h, Map<String, Long> m, String none) {
        if (m.isEmpty()) {
            h.append("<tr><td colspan=\"2\">").append(esc(none)).append("</td></tr>");
        }
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>"));
    }

    /** The stored image as a data URI, or null when it is absent, oddly named or too large. */
    static String dataUri(Path runDir, String sha256) {
        if (sha256 == null || !SHA.matcher(sha256).matches()) {
            return null;
        }
        Path file = RunDirectory.image(runDir, sha256);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_THUMBNAIL_BYTES) {
                return null;
            }
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }

    private static String kpi(String label, String value) {
        return "<li><span class=\"v\">" + esc(value) + "</span><span class=\"l\">" + esc(label) + "</span></li>";
    }

    private static String n(Double v) {
        return v == null ? "&ndash;" : esc(Svg.num(v));
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;margin:0 auto;max-width:1400px;padding:16px 24px;color:#222;background:#fafafa}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:12px 0 6px}
            .dir{color:#666;margin:0 0 8px;font-family:monospace}
            .status{padding:8px 12px;border-radius:6px;border:1px solid #ccc;background:#eee}
            .status-running{background:#e8f1fb;border-color:#0072B2}.status-finished{background:#e9f6ef;border-color:#009E73}
            .status-crashed{background:#fdeee6;border-color:#D55E00}.status-stopped,.status-unknown{background:#fff7e0;border-color:#E69F00}
            .kpi{list-style:none;display:flex;flex-wrap:wrap;gap:12px;padding:0;margin:12px 0}
            .kpi li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
            .kpi .v{display:block;font-size:20px;font-weight:600}.kpi .l{color:#666;font-size:12px}
            .generated,.gt{color:#555;font-size:12px}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
            figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px}
            figure svg{max-width:100%;height:auto;display:block}figcaption{color:#555;font-size:12px;margin-top:4px}
            table{border-collapse:collapse;background:#fff;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:middle}
            th{background:#f0f0f0;text-align:left}table.num td{text-align:right}table.num td:nth-child(2){text-align:left}table.kv td:last-child{text-align:right}table td[colspan]{text-align:left}
            tr.in-progress{background:#e8f1fb}tr.uncommitted{background:#fdeee6}
            .scroll{overflow-x:auto}.two{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
            .thumb{width:64px;height:64px;object-fit:contain;margin:2px;border:1px solid #eee;background:#fff}
            .problem code{color:#a33}
            """;
}
