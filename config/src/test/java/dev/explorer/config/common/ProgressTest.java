package dev.explorer.config.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void onlyAnInteractiveConsoleThatCanEraseALineGetsBars() {
        assertTrue(Progress.drawsOnTerminal(true, "xterm-256color"));
        assertTrue(Progress.drawsOnTerminal(true, null), "no TERM set: a console is still a terminal");
        assertFalse(Progress.drawsOnTerminal(false, "xterm-256color"), "redirected to a file or a pipe: log lines");
        assertFalse(Progress.drawsOnTerminal(true, "dumb"), "a dumb terminal cannot erase a line");
        assertFalse(Progress.drawsOnTerminal(false, null));
        assertTrue(new Progress(new PrintStream(new ByteArrayOutputStream()), s -> { }, () -> 0).terminal());
        assertFalse(new Progress(null, s -> { }, () -> 0).terminal());
        assertFalse(Progress.silent().terminal());
    }

    @Test
    void theTerminalLineShowsABarOfTwentyTheCountAlignedToTheTotalTheTimeAndTheNote() {
        assertEquals("pool build [#########...........]  812/1640 images  4.1 s",
                Progress.line("pool build", 812, 1640, "images", 4.1, ""));
        assertEquals("pool build [....................]    0/1640 images  0.0 s",
                Progress.line("pool build", 0, 1640, "images", 0, ""));
        assertEquals("pool build [####################] 1640/1640 images  61.3 s",
                Progress.line("pool build", 1640, 1640, "images", 61.25, ""));
        assertEquals("train [#####...............]  3/12 steps  1.5 s  epoch 2 loss 5.1234",
                Progress.line("train", 3, 12, "steps", 1.5, "epoch 2 loss 5.1234"));
        // unknown total: the count once there is one, never a bar
        assertEquals("pretrain   2.0 s", Progress.line("pretrain", 0, 0, "steps", 2.0, ""));
        assertEquals("pretrain 7 steps  2.0 s", Progress.line("pretrain", 7, 0, "steps", 2.0, ""));
        // more done than announced: the bar is full, never longer
        assertEquals("x [####################] 15/10 items  1.0 s", Progress.line("x", 15, 10, "items", 1.0, ""));
    }

    @Test
    void logLinesNameTheTaskTheCountAndTheTime() {
        assertEquals("Embedding wordnet 30000/117000 concepts (5.2 s)",
                Progress.runningLogLine("Embedding wordnet", 30000, 117000, "concepts", 5.21, ""));
        assertEquals("pretrain 40 steps (61.0 s), epoch 1 loss 7.0000",
                Progress.runningLogLine("pretrain", 40, 0, "steps", 61.0, "epoch 1 loss 7.0000"));
        assertEquals("pool build done, 1640 images in 48.0 s", Progress.doneLogLine("pool build", 1640, 1640, "images", 48, ""));
        assertEquals("fit done in 2.3 s", Progress.doneLogLine("fit", 0, 0, "", 2.345, ""));
    }

    @Test
    void aTerminalIsRedrawnAtMostTenTimesASecondAndLeftWithTheFinalLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        List<String> logged = new ArrayList<>();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), logged::add, clock::get);
        try (Progress.Task t = p.start("pool build", 1000, "images")) {
            for (int i = 0; i < 1000; i++) {
                clock.addAndGet(1_000_000L); // 1 ms per image: 1 s in all
                t.step(1);
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 13, "start + one per 100 ms + the end, not one per step: " + redraws);
        assertTrue(out.endsWith("\rpool build [####################] 1000/1000 images  1.0 s\u001b[K" + System.lineSeparator()), out);
        assertTrue(logged.isEmpty(), "a terminal gets bars, not log lines: " + logged);
    }

    @Test
    void withoutATerminalALongTaskLogsEachQuarterAndAHeartbeat() {
        AtomicLong clock = new AtomicLong();
        List<String> logged = new ArrayList<>();
        Progress p = new Progress(null, logged::add, clock::get);
        Progress.Task t = p.start("pool build", 4, "images");
        for (int i = 0; i < 4; i++) {
            clock.addAndGet(10_000_000_000L); // 10 s per image
            t.step(1);
        }
        t.close();
        assertEquals(List.of(
                "pool build 1/4 images (10.0 s)",
                "pool build 2/4 images (20.0 s)",
                "pool build 3/4 images (30.0 s)",
                "pool build done, 4 images in 40.0 s"), logged);

        logged.clear();
        Progress.Task train = p.start("pretrain", 0, "steps");
        for (int i = 1; i <= 130; i++) {
            clock.addAndGet(1_000_000_000L); // 1 s per step, total not known: a line per minute
            train.update(i, 0, null);
        }
        train.close();
        assertEquals(List.of("pretrain 60 steps (60.0 s)", "pretrain 120 steps (120.0 s)",
                "pretrain done, 130 steps in 130.0 s"), logged);
        assertEquals(130.0, train.seconds(), 1e-9);
    }
}
