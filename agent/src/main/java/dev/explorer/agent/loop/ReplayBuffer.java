package dev.explorer.agent.loop;

import dev.explorer.run.LoopState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay buffer: the best images of past iterations (top {@code train.replayKeep} of each
 * iteration's candidates by image reward), content-addressed under the run directory. An image
 * found again keeps one entry with its latest reward.
 */
public final class ReplayBuffer {

    private final Map<String, LoopState.Kept> entries = new LinkedHashMap<>();

    public ReplayBuffer(List<LoopState.Kept> saved) {
        saved.forEach(this::add);
    }

    public void add(LoopState.Kept e) {
        entries.remove(e.sha256()); // re-insert so insertion order is the order of last keeping
        entries.put(e.sha256(), e);
    }

    public List<LoopState.Kept> entries() {
        return new ArrayList<>(entries.values());
    }

    public int size() {
        return entries.size();
    }
}
