package dev.explorer.agent.loop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads back the image results of {@code rewards.jsonl} on resume. What the loop rebuilds from
 * the log (the images seen, the credits) is read in one streaming pass; the file is already cut
 * to its committed lines.
 */
final class RewardsLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RewardsLog() {}

    /** Calls {@code action} with every image result of every line, in order. */
    static void forEachImage(Path rewards, Consumer<JsonNode> action) throws IOException {
        if (!Files.exists(rewards)) {
            return;
        }
        try (InputStream in = Files.newInputStream(rewards);
             JsonParser p = JSON.getFactory().createParser(in);
             MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
            while (it.hasNext()) {
                it.next().path("images").forEach(action);
            }
        }
    }
}
