package dev.explorer.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

    /** One kept image: content hash (its file name), reward when kept, iteration that kept it. */
    public record Entry(String sha256, double reward, int iteration) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public void add(Entry e) {
        entries.remove(e.sha256()); // re-insert so insertion order is the order of last keeping
        entries.put(e.sha256(), e);
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public int size() {
        return entries.size();
    }

    /** Compact JSON for state.json: [[sha, reward, iteration], ...]. */
    public JsonNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Entry e : entries.values()) {
            a.addArray().add(e.sha256()).add(e.reward()).add(e.iteration());
        }
        return a;
    }

    public static ReplayBuffer fromJson(JsonNode a) {
        ReplayBuffer r = new ReplayBuffer();
        if (a != null) {
            for (JsonNode e : a) {
                r.add(new Entry(e.get(0).asText(), e.get(1).asDouble(), e.get(2).asInt()));
            }
        }
        return r;
    }
}
