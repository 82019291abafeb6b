package dev.explorer.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.explorer.config.common.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopProgressTest {

    @Test
    void terminalRedrawsOneLinePerPhaseAndLeavesItWithCountAndTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        List<String> logged = new ArrayList<>();
        LoopProgress p = new LoopProgress(10, new PrintStream(bytes, true, StandardCharsets.UTF_8), logged::add, clock::get);

        Progress.Task download = p.start(2, "download", 40, "images");
        for (int i = 0; i < 40; i++) {
            clock.addAndGet(50_000_000L); // 50 ms per image: a redraw every second image at most
            download.step(1);
        }
        download.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.split(System.lineSeparator());
        assertEquals(1, lines.length, "one finished line per phase: " + out);
        String last = lines[0].substring(lines[0].lastIndexOf('\r') + 1).replace("\u001b[K", "");
        assertEquals("iteration 3/10 download [####################] 40/40 images  2.0 s", last);
        // start + a redraw per 100 ms (20) + the final one; never one per step
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 20 && redraws <= 23, "redraws " + redraws);
        assertTrue(out.contains("[##########..........] 20/40 images"), out);
        assertTrue(logged.isEmpty(), "a terminal gets bars, not log lines: " + logged);
    }

    @Test
    void unknownTotalShowsTheCountOnceKnownAndTheNote() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        LoopProgress p = new LoopProgress(3, new PrintStream(bytes, true, StandardCharsets.UTF_8), s -> { }, clock::get);
        Progress.Task train = p.start(0, "train", 0, "steps");
        String start = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\riteration 1/3 train      0.0 s\u001b[K", start);
        clock.addAndGet(1_500_000_000L);
        train.update(3, 12, "loss 5.1234");
        train.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith("\riteration 1/3 train    [#####...............]  3/12 steps  1.5 s  loss 5.1234\u001b[K"
                + System.lineSeparator()), out);
    }

    @Test
    void withoutTerminalShortPhasesLogOnlyTheirEndAndLongOnesEachQuarter() {
        AtomicLong clock = new AtomicLong();
        List<String> logged = new ArrayList<>();
        LoopProgress p = new LoopProgress(10, null, logged::add, clock::get);

        Progress.Task quick = p.start(0, "embed", 100, "images");
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(10_000_000L); // 1 s in all
            quick.step(1);
        }
        quick.close();
        assertEquals(List.of("iteration 1: embed done, 100 images in 1.0 s"), logged);

        logged.clear();
        Progress.Task slow = p.start(0, "download", 100, "images");
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(200_000_000L); // 20 s in all: 25% is reached at 5 s
            slow.step(1);
        }
        slow.close();
        assertEquals(List.of(
                "iteration 1: download 25/100 images (5.0 s)",
                "iteration 1: download 50/100 images (10.0 s)",
                "iteration 1: download 75/100 images (15.0 s)",
                "iteration 1: download done, 100 images in 20.0 s"), logged);

        logged.clear();
        Progress.Task fit = p.start(0, "fit", 0, "");
        clock.addAndGet(2_345_000_000L);
        fit.close();
        clock.addAndGet(1_000_000_000L);
        fit.close(); // closing twice logs once and keeps the time of the first close
        assertEquals(List.of("iteration 1: fit done in 2.3 s"), logged);
        assertEquals(2.345, fit.seconds(), 1e-9);
    }
}
