package dev.explorer.report;

import static dev.explorer.config.common.Html.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Small SVG chart writer: line charts, box plots, stacked bars and scatter plots with axes, tick
 * labels, axis titles and legends. The page must open without network access, so charts are
 * drawn here as inline SVG rather than by a script from a CDN. Every chart is an
 * {@code <svg class="chart">} whose first child is a {@code <title>}.
 */
final class Svg {
    static final int W = 680;
    static final int H = 300;
    static final int LEFT = 62;
    static final int RIGHT = W - 172;
    static final int TOP = 36;
    static final int BOTTOM = H - 46;
    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
        "#000000", "#999999"};

    private Svg() {}

    /** One line of a line chart; a null y leaves a gap. */
    record Series(String name, double[] x, Double[] y, boolean dashed) {}

    /** One box of a box plot at x. */
    record Box(double x, int n, double min, double q1, double median, double q3, double max, double mean) {}

    /** One point of a scatter plot; {@code xErr} draws a horizontal bar of +- xErr. */
    record Point(double x, double y, Double xErr, String label) {}

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    // ---------------------------------------------------------------- charts

    static String lineChart(String id, String title, String xLabel, String yLabel, List<Series> series,
            Double yMin, Double yMax, Set<Integer> pendingX, String emptyMessage) {
        double[] xr = range(series.stream().flatMapToDouble(s -> {
            List<Double> xs = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (s.y()[i] != null) {
                    xs.add(s.x()[i]);
                }
            }
            return xs.stream().mapToDouble(Double::doubleValue);
        }).toArray());
        double[] yr = range(series.stream().flatMap(s -> java.util.Arrays.stream(s.y()))
                .filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray());
        StringBuilder sb = open(id, title);
        if (xr == null || yr == null) {
            return empty(sb, xLabel, yLabel, emptyMessage);
        }
        double x0 = xr[0] - 0.5;
        double x1 = xr[1] + 0.5;
        double y0 = yMin != null ? Math.min(yMin, yr[0]) : yr[0];
        double y1 = yMax != null ? Math.max(yMax, yr[1]) : yr[1];
        double[] yt = niceTicks(y0, y1, 5);
        y0 = Math.min(y0, yt[0]);
        y1 = Math.max(y1, yt[yt.length - 1]);
        if (y1 - y0 < 1e-12) {
            y0 -= 0.5;
            y1 += 0.5;
            yt = niceTicks(y0, y1, 5);
        }
        Scale sx = new Scale(x0, x1, LEFT, RIGHT);
        Scale sy = new Scale(y0, y1, BOTTOM, TOP);
        axes(sb, sx, sy, iterationTicks(xr[0], xr[1]), yt, xLabel, yLabel, true);
        List<String> names = new ArrayList<>();
        boolean anyPending = false;
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            String c = color(s);
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < se.x().length; i++) {
                Double y = se.y()[i];
                if (y == null || !Double.isFinite(y)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? 'L' : 'M').append(f(sx.map(se.x()[i]))).append(',').append(f(sy.map(y)));
                pen = true;
            }
            sb.append("<path class=\"series\" d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(c)
                    .append("\" stroke-width=\"2\"").append(se.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            for (int i = 0; i < se.x().length; i++) {
                Double y = se.y()[i];
                if (y == null || !Double.isFinite(y)) {
                    continue;
                }
                boolean pending = pendingX != null && pendingX.contains((int) se.x()[i]);
                anyPending |= pending;
                sb.append("<circle cx=\"").append(f(sx.map(se.x()[i]))).append("\" cy=\"").append(f(sy.map(y)))
                        .append("\" r=\"3.5\" fill=\"").append(pending ? "#fff" : c).append("\" stroke=\"").append(c)
                        .append("\" stroke-width=\"1.5\"><title>").append(esc(se.name())).append(", iteration ")
                        .append((int) se.x()[i]).append(pending ? " (not committed)" : "").append(": ")
                        .append(num(y)).append("</title></circle>\n");
            }
            names.add(se.name());
        }
        legend(sb, names, series.stream().map(Series::dashed).toList(), anyPending ? "open marker: uncommitted" : null);
        return close(sb);
    }

    static String boxPlot(String id, String title, String xLabel, String yLabel, List<Box> boxes, Set<Integer> pendingX,
            String emptyMessage) {
        StringBuilder sb = open(id, title);
        if (boxes.isEmpty()) {
            return empty(sb, xLabel, yLabel, emptyMessage);
        }
        double[] xr = range(boxes.stream().mapToDouble(Box::x).toArray());
        double lo = boxes.stream().mapToDouble(Box::min).min().orElse(0);
        double hi = boxes.stream().mapToDouble(Box::max).max().orElse(1);
        if (hi - lo < 1e-12) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] yt = niceTicks(lo, hi, 5);
        Scale sx = new Scale(xr[0] - 0.5, xr[1] + 0.5, LEFT, RIGHT);
        Scale sy = new Scale(Math.min(lo, yt[0]), Math.max(hi, yt[yt.length - 1]), BOTTOM, TOP);
        axes(sb, sx, sy, iterationTicks(xr[0], xr[1]), yt, xLabel, yLabel, true);
        double half = Math.max(1.5, Math.min(14, (RIGHT - LEFT) / (xr[1] - xr[0] + 1) * 0.3));
        String c = color(0);
        boolean anyPending = false;
        for (Box b : boxes) {
            double cx = sx.map(b.x());
            boolean pending = pendingX != null && pendingX.contains((int) b.x());
            anyPending |= pending;
            String tip = "<title>iteration " + (int) b.x() + (pending ? " (not committed)" : "") + ": n=" + b.n()
                    + ", min " + num(b.min()) + ", q1 " + num(b.q1()) + ", median " + num(b.median()) + ", q3 "
                    + num(b.q3()) + ", max " + num(b.max()) + ", mean " + num(b.mean()) + "</title>";
            sb.append("<g class=\"box\">").append(tip)
                    .append(line(cx, sy.map(b.min()), cx, sy.map(b.q1()), "#555", 1))
                    .append(line(cx, sy.map(b.q3()), cx, sy.map(b.max()), "#555", 1))
                    .append(line(cx - half / 2, sy.map(b.min()), cx + half / 2, sy.map(b.min()), "#555", 1))
                    .append(line(cx - half / 2, sy.map(b.max()), cx + half / 2, sy.map(b.max()), "#555", 1))
                    .append("<rect x=\"").append(f(cx - half)).append("\" y=\"").append(f(sy.map(b.q3())))
                    .append("\" width=\"").append(f(2 * half)).append("\" height=\"")
                    .append(f(Math.max(0.5, sy.map(b.q1()) - sy.map(b.q3()))))
                    .append("\" fill=\"").append(pending ? "#fff" : c).append("\" fill-opacity=\"0.35\" stroke=\"")
                    .append(c).append("\"").append(pending ? " stroke-dasharray=\"3 2\"" : "").append("/>")
                    .append(line(cx - half, sy.map(b.median()), cx + half, sy.map(b.median()), "#000", 2))
                    .append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(sy.map(b.mean())))
                    .append("\" r=\"2.5\" fill=\"").append(color(3)).append("\"/></g>\n");
        }
        int y = TOP + 4;
        sb.append("<g class=\"legend\">");
        sb.append("<rect x=\"").append(RIGHT + 14).append("\" y=\"").append(y).append("\" width=\"14\" height=\"12\" fill=\"")
                .append(c).append("\" fill-opacity=\"0.35\" stroke=\"").append(c).append("\"/>")
                .append(text(RIGHT + 34, y + 10, "quartiles", "start", 11));
        y += 20;
        sb.append(line(RIGHT + 14, y + 6, RIGHT + 28, y + 6, "#000", 2)).append(text(RIGHT + 34, y + 10, "median", "start", 11));
        y += 20;
        sb.append(line(RIGHT + 21, y, RIGHT + 21, y + 12, "#555", 1)).append(text(RIGHT + 34, y + 10, "min to max", "start", 11));
        y += 20;
        sb.append("<circle cx=\"").append(RIGHT + 21).append("\" cy=\"").append(y + 6).append("\" r=\"2.5\" fill=\"")
                .append(color(3)).append("\"/>").append(text(RIGHT + 34, y + 10, "mean", "start", 11));
        if (anyPending) {
            y += 20;
            sb.append(text(RIGHT + 14, y + 10, "dashed: uncommitted", "start", 10));
        }
        sb.append("</g>\n");
        return close(sb);
    }

    static String stackedBars(String id, String title, String xLabel, String yLabel, double[] xs, List<String> stacks,
            double[][] values, Set<Integer> pendingX, String emptyMessage) {
        StringBuilder sb = open(id, title);
        if (xs.length == 0 || stacks.isEmpty()) {
            return empty(sb, xLabel, yLabel, emptyMessage);
        }
        double[] xr = range(xs);
        double max = 0;
        for (double[] v : values) {
            double s = 0;
            for (double d : v) {
                s += Math.max(0, d);
            }
            max = Math.max(max, s);
        }
        if (max <= 0) {
            max = 1;
        }
        double[] yt = niceTicks(0, max, 5);
        Scale sx = new Scale(xr[0] - 0.5, xr[1] + 0.5, LEFT, RIGHT);
        Scale sy = new Scale(0, Math.max(max, yt[yt.length - 1]), BOTTOM, TOP);
        axes(sb, sx, sy, iterationTicks(xr[0], xr[1]), yt, xLabel, yLabel, true);
        double half = Math.max(1, Math.min(16, (RIGHT - LEFT) / (xr[1] - xr[0] + 1) * 0.38));
        boolean anyPending = false;
        for (int i = 0; i < xs.length; i++) {
            double base = 0;
            boolean pending = pendingX != null && pendingX.contains((int) xs[i]);
            anyPending |= pending;
            sb.append("<g class=\"bar\">");
            for (int s = 0; s < stacks.size(); s++) {
                double v = Math.max(0, values[i][s]);
                if (v <= 0) {
                    continue;
                }
                double yTop = sy.map(base + v);
                double yBottom = sy.map(base);
                sb.append("<rect x=\"").append(f(sx.map(xs[i]) - half)).append("\" y=\"").append(f(yTop))
                        .append("\" width=\"").append(f(2 * half)).append("\" height=\"").append(f(Math.max(0.3, yBottom - yTop)))
                        .append("\" fill=\"").append(color(s)).append("\"").append(pending ? " fill-opacity=\"0.4\"" : "")
                        .append("><title>iteration ").append((int) xs[i]).append(", ").append(esc(stacks.get(s)))
                        .append(": ").append(num(v)).append(' ').append(esc(yLabel)).append("</title></rect>");
                base += v;
            }
            sb.append("</g>\n");
        }
        legendBoxes(sb, stacks, anyPending ? "faded: uncommitted" : null);
        return close(sb);
    }

    static String scatter(String id, String title, String xLabel, String yLabel, List<Point> points, boolean diagonal,
            String emptyMessage) {
        StringBuilder sb = open(id, title);
        if (points.isEmpty()) {
            return empty(sb, xLabel, yLabel, emptyMessage);
        }
        double[] xr = range(points.stream().flatMapToDouble(p -> p.xErr() == null ? java.util.stream.DoubleStream.of(p.x())
                : java.util.stream.DoubleStream.of(p.x() - p.xErr(), p.x() + p.xErr())).toArray());
        double[] yr = range(points.stream().mapToDouble(Point::y).toArray());
        double lo = Math.min(xr[0], yr[0]);
        double hi = Math.max(xr[1], yr[1]);
        if (hi - lo < 1e-12) {
            lo -= 0.5;
            hi += 0.5;
        }
        // the same scale on both axes, so the diagonal means "as predicted"
        double[] t = niceTicks(lo, hi, 5);
        lo = Math.min(lo, t[0]);
        hi = Math.max(hi, t[t.length - 1]);
        Scale sx = new Scale(lo, hi, LEFT, RIGHT);
        Scale sy = new Scale(lo, hi, BOTTOM, TOP);
        axes(sb, sx, sy, t, t, xLabel, yLabel, false);
        if (diagonal) {
            sb.append("<line class=\"diagonal\" x1=\"").append(f(sx.map(lo))).append("\" y1=\"").append(f(sy.map(lo)))
                    .append("\" x2=\"").append(f(sx.map(hi))).append("\" y2=\"").append(f(sy.map(hi)))
                    .append("\" stroke=\"#999\" stroke-dasharray=\"5 4\"/>\n");
        }
        String c = color(0);
        for (Point p : points) {
            double px = sx.map(p.x());
            double py = sy.map(p.y());
            sb.append("<g class=\"point\"><title>").append(esc(p.label())).append("</title>");
            if (p.xErr() != null && p.xErr() > 0) {
                sb.append(line(sx.map(p.x() - p.xErr()), py, sx.map(p.x() + p.xErr()), py, color(5), 1).replace("/>", " stroke-opacity=\"0.6\"/>"));
            }
            sb.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(py))
                    .append("\" r=\"3.5\" fill=\"").append(c).append("\" fill-opacity=\"0.65\"/></g>\n");
        }
        int y = TOP + 4;
        sb.append("<g class=\"legend\">");
        sb.append("<circle cx=\"").append(RIGHT + 21).append("\" cy=\"").append(y + 6).append("\" r=\"3.5\" fill=\"")
                .append(c).append("\"/>").append(text(RIGHT + 34, y + 10, "query", "start", 11));
        y += 20;
        sb.append(line(RIGHT + 14, y + 6, RIGHT + 28, y + 6, color(5), 1)).append(text(RIGHT + 34, y + 10, "predicted \u00b1 1 std", "start", 11));
        if (diagonal) {
            y += 20;
            sb.append("<line x1=\"").append(RIGHT + 14).append("\" y1=\"").append(y + 6).append("\" x2=\"").append(RIGHT + 28)
                    .append("\" y2=\"").append(y + 6).append("\" stroke=\"#999\" stroke-dasharray=\"5 4\"/>")
                    .append(text(RIGHT + 34, y + 10, "observed = predicted", "start", 11));
        }
        sb.append("</g>\n");
        return close(sb);
    }

    // ---------------------------------------------------------------- parts

    private static StringBuilder open(String id, String title) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg class=\"chart\" id=\"").append(esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title\">")
                .append("<title id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</title>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"#fff\"/>\n")
                .append(text(LEFT, 22, title, "start", 14, "font-weight=\"600\"")).append('\n');
        return sb;
    }

    private static String close(StringBuilder sb) {
        return sb.append("</svg>").toString();
    }

    private static String empty(StringBuilder sb, String xLabel, String yLabel, String message) {
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(RIGHT - LEFT)
                .append("\" height=\"").append(BOTTOM - TOP).append("\" fill=\"#f6f6f6\" stroke=\"#ccc\"/>\n")
                .append(emptyMessage(message == null ? "no data yet" : message))
                .append(text((LEFT + RIGHT) / 2.0, H - 8, xLabel, "middle", 12))
                .append("<text x=\"16\" y=\"").append(f((TOP + BOTTOM) / 2.0)).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(f((TOP + BOTTOM) / 2.0)).append(")\">").append(esc(yLabel)).append("</text>\n");
        return close(sb);
    }

    /** The message of an empty chart, centred, one text line per '\n'. */
    private static String emptyMessage(String message) {
        String[] lines = message.split("\n");
        StringBuilder sb = new StringBuilder("<text class=\"empty\" font-size=\"12\" text-anchor=\"middle\">");
        double y = (TOP + BOTTOM) / 2.0 - (lines.length - 1) * 8;
        for (String l : lines) {
            sb.append("<tspan x=\"").append(f((LEFT + RIGHT) / 2.0)).append("\" y=\"").append(f(y)).append("\">")
                    .append(esc(l)).append("</tspan>");
            y += 16;
        }
        return sb.append("</text>\n").toString();
    }

    private static void axes(StringBuilder sb, Scale sx, Scale sy, double[] xt, double[] yt, String xLabel, String yLabel,
            boolean integerX) {
        sb.append("<g class=\"axes\" font-size=\"11\" fill=\"#333\">");
        for (double y : yt) {
            double py = sy.map(y);
            sb.append(line(LEFT, py, RIGHT, py, "#e5e5e5", 1)).append(text(LEFT - 6, py + 4, num(y), "end", 11));
        }
        for (double x : xt) {
            double px = sx.map(x);
            sb.append(line(px, BOTTOM, px, BOTTOM + 5, "#333", 1))
                    .append(text(px, BOTTOM + 18, integerX ? Long.toString(Math.round(x)) : num(x), "middle", 11));
        }
        sb.append(line(LEFT, BOTTOM, RIGHT, BOTTOM, "#333", 1)).append(line(LEFT, TOP, LEFT, BOTTOM, "#333", 1));
        sb.append(text((LEFT + RIGHT) / 2.0, H - 8, xLabel, "middle", 12));
        double cy = (TOP + BOTTOM) / 2.0;
        sb.append("<text x=\"16\" y=\"").append(f(cy)).append("\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(f(cy)).append(")\">").append(esc(yLabel)).append("</text>");
        sb.append("</g>\n");
    }

    private static void legend(StringBuilder sb, List<String> names, List<Boolean> dashed, String footnote) {
        int y = TOP + 4;
        sb.append("<g class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            sb.append("<line x1=\"").append(RIGHT + 12).append("\" y1=\"").append(y + 6).append("\" x2=\"").append(RIGHT + 30)
                    .append("\" y2=\"").append(y + 6).append("\" stroke=\"").append(color(i)).append("\" stroke-width=\"2\"")
                    .append(dashed.get(i) ? " stroke-dasharray=\"6 4\"" : "").append("/>")
                    .append("<circle cx=\"").append(RIGHT + 21).append("\" cy=\"").append(y + 6).append("\" r=\"3\" fill=\"")
                    .append(color(i)).append("\"/>")
                    .append(text(RIGHT + 36, y + 10, names.get(i), "start", 11));
            y += 20;
        }
        if (footnote != null) {
            sb.append(text(RIGHT + 12, y + 10, footnote, "start", 10));
        }
        sb.append("</g>\n");
    }

    private static void legendBoxes(StringBuilder sb, List<String> names, String footnote) {
        int y = TOP + 4;
        sb.append("<g class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            sb.append("<rect x=\"").append(RIGHT + 14).append("\" y=\"").append(y).append("\" width=\"14\" height=\"12\" fill=\"")
                    .append(color(i)).append("\"/>").append(text(RIGHT + 34, y + 10, names.get(i), "start", 11));
            y += 18;
        }
        if (footnote != null) {
            sb.append(text(RIGHT + 14, y + 10, footnote, "start", 10));
        }
        sb.append("</g>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String stroke, double width) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\"" + stroke
                + "\" stroke-width=\"" + f(width) + "\"/>";
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return text(x, y, s, anchor, size, "");
    }

    private static String text(double x, double y, String s, String anchor, int size, String extra) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\""
                + (extra.isEmpty() ? "" : " " + extra) + ">" + esc(s) + "</text>";
    }

    // ---------------------------------------------------------------- numbers

    /** Linear map from a data interval to a pixel interval. */
    record Scale(double d0, double d1, double p0, double p1) {
        double map(double v) {
            if (d1 == d0) {
                return (p0 + p1) / 2;
            }
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }

    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return lo > hi ? null : new double[] {lo, hi};
    }

    /** Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        double step = (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step + 1e-9) * step;
        double end = Math.ceil(hi / step - 1e-9) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0;
            }
        }
        return t;
    }

    /** Integer ticks for iterations, at most about 12 of them. */
    static double[] iterationTicks(double lo, double hi) {
        long a = Math.round(lo);
        long b = Math.round(hi);
        long span = b - a + 1;
        long step = 1;
        for (long s : new long[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            step = s;
            if (span / s <= 12) {
                break;
            }
        }
        List<Double> t = new ArrayList<>();
        for (long v = (long) Math.ceil(a / (double) step) * step; v <= b; v += step) {
            t.add((double) v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01) {
            return stripZeros(String.format(Locale.ROOT, "%.3f", v));
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
