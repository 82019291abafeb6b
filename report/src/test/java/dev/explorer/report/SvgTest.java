package dev.explorer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SvgTest {
    @Test
    void ticksAreRoundAndCoverTheData() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Svg.niceTicks(0, 1, 5), 1e-12);
        assertArrayEquals(new double[] {0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, Svg.niceTicks(0.4, 0.9, 5), 1e-12);
        assertArrayEquals(new double[] {0, 50, 100, 150, 200}, Svg.niceTicks(0, 181, 5), 1e-12);
        assertArrayEquals(new double[] {0, 5, 10, 15, 20, 25, 30, 35}, Svg.iterationTicks(0, 39), 1e-12);
        assertArrayEquals(new double[] {0, 1, 2}, Svg.iterationTicks(0, 2), 1e-12);
    }

    @Test
    void numbersAndEscaping() {
        assertEquals("0.425", Svg.num(0.425));
        assertEquals("18", Svg.num(18.0));
        assertEquals("12.3", Svg.num(12.34));
        assertEquals("0.0012", Svg.num(0.00123));
    }

    @Test
    void lineChartPlacesPointsOnTheScaleAndHasTitleAxesLegend() {
        String svg = Svg.lineChart("c", "T <1>", "iteration", "score",
                List.of(new Svg.Series("mean", new double[] {0, 1, 2}, new Double[] {0.0, null, 1.0}, false)),
                0.0, 1.0, Set.of(2), "none");
        assertTrue(svg.contains("<title id=\"c-title\">T &lt;1&gt;</title>"), svg);
        assertTrue(svg.contains("class=\"axes\"") && svg.contains("class=\"legend\""));
        // x in [-0.5, 2.5] over pixels [LEFT, RIGHT]; y 0 at BOTTOM, 1 at TOP; a null leaves a gap (two moves)
        double x0 = Svg.LEFT + 0.5 / 3 * (Svg.RIGHT - Svg.LEFT);
        double x2 = Svg.LEFT + 2.5 / 3 * (Svg.RIGHT - Svg.LEFT);
        String d = String.format(java.util.Locale.ROOT, "d=\"M%.1f,%.1fM%.1f,%.1f\"", x0, (double) Svg.BOTTOM, x2, (double) Svg.TOP);
        assertTrue(svg.contains(d), d + " in " + svg);
        assertTrue(svg.contains("iteration 2 (not committed): 1"), svg);
        assertTrue(svg.contains("open marker: uncommitted"));
        String empty = Svg.lineChart("e", "E", "x", "y", List.of(), null, null, Set.of(), "nothing here");
        assertTrue(empty.contains("class=\"empty\"") && empty.contains(">nothing here</tspan>"), empty);
    }
}
