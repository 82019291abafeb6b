package dev.explorer.agent.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * What {@code state.json} holds after an iteration commits: how many iterations are done, the
 * committed length of every log (so resume can cut off lines of an unfinished iteration), and
 * the loop's own state (sampler, replay buffer index, RNG seeds) as an opaque JSON tree.
 */
public record RunState(int completedIterations, Map<String, Long> logLengths, JsonNode loop) {

    public static RunState initial() {
        return new RunState(0, Map.of(), JsonNodeFactory.instance.objectNode());
    }

    public RunState {
        logLengths = Map.copyOf(logLengths);
        loop = loop == null ? JsonNodeFactory.instance.objectNode() : loop;
    }

    public long committedLength(String log) {
        return logLengths.getOrDefault(log, 0L);
    }
}
