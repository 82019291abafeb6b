package dev.explorer.report;

import static dev.explorer.config.common.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.explorer.report.RepresentationExperiment.ArmSummary;
import dev.explorer.report.RepresentationExperiment.CurvePoint;
import dev.explorer.report.RepresentationExperiment.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The representation experiment's outputs: {@code summary.md} (one table per target and start),
 * {@code summary.json} (the same numbers) and one SVG per group, accuracy against optimiser steps
 * per arm (mean over seeds, a band of +- one sd).
 */
public final class RepresentationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RepresentationReport() {}

    /** The chart's file name for a group, e.g. {@code t3-pool.svg}. */
    public static String chartFile(Group g) {
        return g.target() + "-" + g.start() + ".svg";
    }

    /** summary.md: a table per group, its step check, and the chart embedded by file name. */
    public static String markdown(List<Group> groups) {
        StringBuilder b = new StringBuilder();
        b.append("# Representation experiment\n\n");
        b.append("Accuracy on the target's test split after the last iteration, mean ± sd over seeds; Δ is the paired\n"
                + "difference to target-only by seed with its 95% t-interval. The oracle is an upper reference, not a\n"
                + "method: the pool's ground truth picks its images.\n\n");
        for (Group g : groups) {
            List<Integer> seeds = g.arms().stream().flatMap(a -> a.seeds().stream()).distinct().sorted().toList();
            b.append("## ").append(g.target()).append(", start ").append(g.start()).append(" (seeds ")
                    .append(seeds.stream().map(String::valueOf).reduce((x, y) -> x + " " + y).orElse("-")).append(")\n\n");
            int on = g.target().indexOf(RepresentationExperiment.ON);
            if (on > 0) {
                b.append("A second measure: the final encoder of each ").append(g.target(), 0, on)
                        .append(" run, evaluated once more by `explorer eval` on the labelled split of ")
                        .append(g.target().substring(on + RepresentationExperiment.ON.length())).append(" (its train labels for k-NN and the probe, its test")
                        .append(" images), with the run's own settings and seed.\n\n");
            }
            if (g.equalSteps()) {
                long steps = g.arms().stream().filter(a -> !a.arm().equals("start")).flatMap(a -> a.steps().stream())
                        .findFirst().orElse(0L);
                b.append("Equal optimiser steps: every trained arm took ").append(steps)
                        .append(" steps, evaluated at the same step counts.\n\n");
            } else {
                b.append("**WARNING: THE ARMS ARE NOT COMPARABLE (unequal optimiser steps or evaluations):**\n\n");
                for (String p : g.problems()) {
                    b.append("- **").append(p).append("**\n");
                }
                b.append('\n');
            }
            b.append("| arm | seeds | k-NN | linear probe | k-NN Δ vs target-only [95% CI] | probe Δ vs target-only [95% CI]"
                    + " | optimiser steps | wall min per run | new images trained on (relevant) |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
            for (ArmSummary a : g.arms()) {
                b.append("| ").append(a.label()).append(" | ").append(a.seeds().size()).append(" | ").append(pm(a.knn()))
                        .append(" | ").append(pm(a.probe())).append(" | ").append(diff(a.knnVsBaseline())).append(" | ")
                        .append(diff(a.probeVsBaseline())).append(" | ").append(steps(a.steps())).append(" | ")
                        .append(fmt(a.wallMinutes(), 1)).append(" | ").append(images(a)).append(" |\n");
            }
            b.append("\n![accuracy vs optimiser steps, ").append(g.target()).append(", start ").append(g.start())
                    .append("](").append(chartFile(g)).append(")\n\n");
        }
        return b.toString();
    }

    /**
     * The gains across draws of the start (explorer experiment across): per target and start, each
     * arm's paired difference to target-only in every draw and their mean with a 95% t-interval
     * over draws.
     */
    public static String acrossMarkdown(List<RepresentationExperiment.AcrossStarts> rows) {
        StringBuilder b = new StringBuilder();
        String base = rows.isEmpty() ? RepresentationExperiment.BASELINE : rows.get(0).baseline();
        b.append("# Gains over ").append(base).append(" across draws of the start\n\n");
        b.append("Each draw (an experiment folder run from one build of the start) gives one value per arm: the mean over\n"
                + "its seeds of the paired difference to " + base + ". The mean and its 95% t-interval are over draws\n"
                + "(n - 1 degrees of freedom): the start is the random factor, the seeds within a draw are not\n"
                + "independent evidence about it.\n\n");
        String key = null;
        for (RepresentationExperiment.AcrossStarts r : rows) {
            String k = r.target() + ", start " + r.start();
            if (!k.equals(key)) {
                b.append(key == null ? "" : "\n").append("## ").append(k).append("\n\n");
                key = k;
                b.append("| arm | draws (seeds each) | k-NN Δ per draw | k-NN Δ over draws [95% CI] | probe Δ per draw"
                        + " | probe Δ over draws [95% CI] |\n|---|---|---|---|---|---|\n");
                // a row for the baseline would read 0 everywhere; the table is of the others against it
            }
            b.append("| ").append(RepresentationExperiment.label(r.arm())).append(" | ").append(r.draws().size())
                    .append(" (").append(r.seedsByDraw().stream().map(String::valueOf).reduce((x, y) -> x + ", " + y)
                            .orElse("-")).append(") | ").append(perDraw(r.knnByDraw())).append(" | ")
                    .append(diff(r.knn(), "draw")).append(" | ").append(perDraw(r.probeByDraw())).append(" | ")
                    .append(diff(r.probe(), "draw")).append(" |\n");
        }
        List<String> problems = rows.stream().flatMap(r -> r.problems().stream().map(p -> r.target() + " " + r.arm() + ": " + p))
                .distinct().toList();
        if (!problems.isEmpty()) {
            b.append("\n**Left out (arms not comparable):**\n\n");
            problems.forEach(p -> b.append("- ").append(p).append('\n'));
        }
        b.append("\nDraws: ").append(rows.stream().flatMap(r -> r.draws().stream()).distinct()
                .reduce((x, y) -> x + ", " + y).orElse("-")).append("\n");
        return b.toString();
    }

    private static String perDraw(List<Double> v) {
        return v.stream().map(d -> d == null ? "-" : String.format(Locale.ROOT, "%+.3f", d)).reduce((x, y) -> x + " " + y)
                .orElse("-");
    }

    /** summary.json: every group, arm, estimate, interval and curve. */
    public static String json(List<Group> groups) throws com.fasterxml.jackson.core.JsonProcessingException {
        ArrayNode root = JSON.createArrayNode();
        for (Group g : groups) {
            ObjectNode o = root.addObject();
            o.put("target", g.target()).put("start", g.start()).put("equalSteps", g.equalSteps()).put("chart", chartFile(g));
            g.problems().forEach(o.putArray("problems")::add);
            ArrayNode arms = o.putArray("arms");
            for (ArmSummary a : g.arms()) {
                ObjectNode x = arms.addObject();
                x.put("arm", a.arm()).put("label", a.label()).put("referenceNotMethod", a.arm().equals("oracle"));
                a.seeds().forEach(x.putArray("seeds")::add);
                put(x.putObject("knn"), a.knn());
                put(x.putObject("probe"), a.probe());
                put(x.putObject("knnVsTargetOnly"), a.knnVsBaseline());
                put(x.putObject("probeVsTargetOnly"), a.probeVsBaseline());
                a.steps().forEach(x.putArray("steps")::add);
                x.put("wallMinutes", round(a.wallMinutes()));
                put(x.putObject("newImages"), a.newImages());
                put(x.putObject("newRelevant"), a.newRelevant());
                curve(x.putArray("knnCurve"), a.knnCurve());
                curve(x.putArray("probeCurve"), a.probeCurve());
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void put(ObjectNode o, SeedStats.Estimate e) {
        o.put("n", e.n());
        o.put("mean", round(e.mean()));
        o.put("sd", round(e.sd()));
        o.put("low95", round(e.low()));
        o.put("high95", round(e.high()));
    }

    private static void curve(ArrayNode a, List<CurvePoint> c) {
        for (CurvePoint p : c) {
            a.addObject().put("steps", p.steps()).put("n", p.n()).put("mean", round(p.mean())).put("sd", round(p.sd()));
        }
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }

    static String pm(SeedStats.Estimate e) {
        if (e.n() == 0) {
            return "-";
        }
        return e.n() == 1 ? fmt(e.mean(), 3) : fmt(e.mean(), 3) + " ± " + fmt(e.sd(), 3);
    }

    static String diff(SeedStats.Estimate e) {
        return diff(e, "seed");
    }

    /** A difference with its interval; {@code unit} names what one value is (seed, draw) when there is only one. */
    static String diff(SeedStats.Estimate e, String unit) {
        if (e.n() == 0) {
            return "-";
        }
        String d = String.format(Locale.ROOT, "%+.3f", e.mean());
        return e.hasInterval() ? d + " [" + String.format(Locale.ROOT, "%+.3f, %+.3f", e.low(), e.high()) + "]"
                : d + " (one " + unit + ": no interval)";
    }

    /** Mean over seeds of the new images and, in brackets, the relevant ones; "-" when not counted. */
    private static String images(ArmSummary a) {
        if (a.newImages().n() == 0) {
            return "-";
        }
        return fmt(a.newImages().mean(), 0) + (a.newRelevant().n() == 0 ? "" : " (" + fmt(a.newRelevant().mean(), 0) + ")");
    }

    private static String steps(List<Long> steps) {
        List<Long> d = steps.stream().distinct().sorted().toList();
        return d.size() == 1 ? String.valueOf(d.get(0)) : d.toString();
    }

    private static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "-";
    }

    // ---------------------------------------------------------------- chart

    private static final int W = 760;
    private static final int H = 320;
    private static final int PANEL = 300;
    private static final int TOP = 52;
    private static final int BOTTOM = H - 50;

    /**
     * Two panels, k-NN and linear probe, accuracy against cumulative optimiser steps: per arm the
     * mean over seeds with a band of +- one sd. The start arm is the common point at step 0 from
     * which every trained arm's line begins (all arms start from the same encoder).
     */
    public static String chart(Group g) {
        StringBuilder sb = new StringBuilder(8192);
        String title = "Accuracy vs optimiser steps: " + g.target() + ", start " + g.start()
                + (g.equalSteps() ? "" : " (UNEQUAL STEPS)");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\">")
                .append("<title>").append(esc(title)).append("</title>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fff\"/>\n")
                .append(text(16, 22, title, "start", 14)).append('\n');
        panel(sb, g, true, 60);
        panel(sb, g, false, 60 + PANEL + 50);
        // legend along the bottom
        double x = 16;
        for (int i = 0; i < g.arms().size(); i++) {
            ArmSummary a = g.arms().get(i);
            String name = a.arm().equals("oracle") ? "oracle (reference, not a method)" : a.arm();
            sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(H - 16).append("\" width=\"12\" height=\"4\" fill=\"")
                    .append(Svg.color(i)).append("\"/>").append(text(x + 16, H - 11, name, "start", 11));
            x += 26 + 6.2 * name.length();
        }
        return sb.append("\n</svg>\n").toString();
    }

    private static void panel(StringBuilder sb, Group g, boolean knn, int left) {
        int right = left + PANEL;
        Double start = null;
        List<double[]> all = new ArrayList<>(); // steps, mean, sd
        for (ArmSummary a : g.arms()) {
            for (CurvePoint p : knn ? a.knnCurve() : a.probeCurve()) {
                all.add(new double[] {p.steps(), p.mean(), Double.isFinite(p.sd()) ? p.sd() : 0});
                if (a.arm().equals("start")) {
                    start = p.mean();
                }
            }
        }
        String name = knn ? "k-NN accuracy" : "linear-probe accuracy";
        sb.append(text(left, TOP - 8, name, "start", 12)).append('\n');
        if (all.isEmpty()) {
            sb.append(text((left + right) / 2.0, (TOP + BOTTOM) / 2.0, "no evaluations", "middle", 12));
            return;
        }
        double xMax = Math.max(1, all.stream().mapToDouble(v -> v[0]).max().orElse(1));
        double yLo = all.stream().mapToDouble(v -> v[1] - v[2]).min().orElse(0);
        double yHi = all.stream().mapToDouble(v -> v[1] + v[2]).max().orElse(1);
        double[] yt = Svg.niceTicks(yLo, yHi, 5);
        double y0 = Math.min(yLo, yt[0]);
        double y1 = Math.max(yHi, yt[yt.length - 1]);
        if (y1 - y0 < 1e-9) {
            y0 -= 0.05;
            y1 += 0.05;
            yt = Svg.niceTicks(y0, y1, 5);
        }
        double[] xt = Svg.niceTicks(0, xMax, 4);
        double fy0 = y0;
        double fy1 = y1;
        java.util.function.DoubleUnaryOperator sx = v -> left + (right - left) * v / xMax;
        java.util.function.DoubleUnaryOperator sy = v -> BOTTOM - (BOTTOM - TOP) * (v - fy0) / (fy1 - fy0);
        sb.append("<g font-size=\"10\" fill=\"#333\">");
        for (double y : yt) {
            sb.append(line(left, sy.applyAsDouble(y), right, sy.applyAsDouble(y), "#e5e5e5"))
                    .append(text(left - 5, sy.applyAsDouble(y) + 3, Svg.num(y), "end", 10));
        }
        for (double x : xt) {
            if (x <= xMax + 1e-9) {
                sb.append(text(sx.applyAsDouble(x), BOTTOM + 14, Svg.num(x), "middle", 10));
            }
        }
        sb.append(line(left, BOTTOM, right, BOTTOM, "#333")).append(line(left, TOP, left, BOTTOM, "#333"))
                .append(text((left + right) / 2.0, BOTTOM + 28, "optimiser steps", "middle", 11)).append("</g>\n");
        for (int i = 0; i < g.arms().size(); i++) {
            ArmSummary a = g.arms().get(i);
            List<CurvePoint> c = new ArrayList<>(knn ? a.knnCurve() : a.probeCurve());
            if (c.isEmpty()) {
                continue;
            }
            if (start != null && !a.arm().equals("start") && c.get(0).steps() > 0) {
                c.add(0, new CurvePoint(0, 0, start, 0));
            }
            String col = Svg.color(i);
            StringBuilder up = new StringBuilder();
            StringBuilder down = new StringBuilder();
            StringBuilder mid = new StringBuilder();
            for (int k = 0; k < c.size(); k++) {
                CurvePoint p = c.get(k);
                double sd = Double.isFinite(p.sd()) ? p.sd() : 0;
                double px = sx.applyAsDouble(p.steps());
                up.append(k == 0 ? 'M' : 'L').append(f(px)).append(',').append(f(sy.applyAsDouble(p.mean() + sd)));
                down.insert(0, "L" + f(px) + "," + f(sy.applyAsDouble(p.mean() - sd)));
                mid.append(k == 0 ? 'M' : 'L').append(f(px)).append(',').append(f(sy.applyAsDouble(p.mean())));
            }
            sb.append("<path d=\"").append(up).append(down).append("Z\" fill=\"").append(col)
                    .append("\" fill-opacity=\"0.15\" stroke=\"none\"/>\n");
            sb.append("<path d=\"").append(mid).append("\" fill=\"none\" stroke=\"").append(col).append("\" stroke-width=\"2\"")
                    .append(a.arm().equals("oracle") ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            for (CurvePoint p : c) {
                sb.append("<circle cx=\"").append(f(sx.applyAsDouble(p.steps()))).append("\" cy=\"")
                        .append(f(sy.applyAsDouble(p.mean()))).append("\" r=\"3\" fill=\"").append(col).append("\"><title>")
                        .append(esc(a.arm() + ", " + p.steps() + " steps: " + Svg.num(p.mean())
                                + (p.n() > 1 ? " ± " + Svg.num(p.sd()) + " (" + p.n() + " seeds)" : "")))
                        .append("</title></circle>\n");
            }
        }
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\"" + stroke
                + "\" stroke-width=\"1\"/>";
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor
                + "\" font-family=\"sans-serif\">" + esc(s) + "</text>";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
