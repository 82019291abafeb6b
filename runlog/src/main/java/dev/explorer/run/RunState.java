package dev.explorer.run;

import java.util.Map;

/**
 * What {@code state.json} holds after an iteration commits: how many iterations are done, the
 * committed length of every log (so resume can cut off lines of an unfinished iteration), and
 * the loop's own state ({@link LoopState}).
 */
public record RunState(int completedIterations, Map<String, Long> logLengths, LoopState loop) {

    public static RunState initial() {
        return new RunState(0, Map.of(), LoopState.EMPTY);
    }

    public RunState {
        logLengths = Map.copyOf(logLengths);
        loop = loop == null ? LoopState.EMPTY : loop;
    }

    public long committedLength(String log) {
        return logLengths.getOrDefault(log, 0L);
    }
}
