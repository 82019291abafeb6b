package dev.explorer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.config.cli.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The pool's ground truth, for evaluation only (the agent never sees it): one JSON object per
 * line with at least {@code id} (the id the search API returns for the image) and {@code topic}
 * (a coarse topic such as {@code animal} or {@code footwear}). Extra fields are ignored.
 */
public final class GroundTruth {
    /** File names tried, in order, when --ground-truth names a pool directory rather than a file. */
    static final List<String> FILE_NAMES = List.of("eval.jsonl", "ground-truth.jsonl", "groundtruth.jsonl");

    private final Path file;
    private final Map<String, String> topicById;
    private final Set<String> relevant;
    private final Map<String, Integer> topics;

    private GroundTruth(Path file, Map<String, String> topicById, Set<String> relevant, Map<String, Integer> topics) {
        this.file = file;
        this.topicById = topicById;
        this.relevant = relevant;
        this.topics = topics;
    }

    /**
     * Loads the file. Malformed lines go to {@code problems} and are skipped.
     *
     * @throws UsageException when the file is missing, holds no usable line, or a relevant topic is absent from it
     */
    static GroundTruth load(Path given, List<String> relevantTopics, ObjectMapper json, Consumer<RunReport.LogProblem> problems)
            throws IOException {
        Path file = given;
        if (Files.isDirectory(given)) {
            file = FILE_NAMES.stream().map(given::resolve).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new UsageException("--ground-truth " + given + " is a directory without any of "
                            + FILE_NAMES + "; give the pool's eval file itself"));
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--ground-truth " + file + " does not exist; give the pool's eval file "
                    + "(JSON lines with id and topic, written by explorer pool build)");
        }
        Map<String, String> topicById = new HashMap<>();
        Map<String, Integer> topics = new TreeMap<>();
        Map<String, String> interned = new HashMap<>();
        String name = file.getFileName().toString();
        JsonLines.read(file, (lineNumber, end, bytes, length, terminated) -> {
            if (length == 0 || isBlank(bytes, length)) {
                return;
            }
            JsonNode n;
            try {
                n = json.readTree(bytes, 0, length);
            } catch (IOException e) {
                problems.accept(new RunReport.LogProblem(name, lineNumber, "malformed JSON, skipped"));
                return;
            }
            JsonNode id = n == null ? null : n.get("id");
            JsonNode topic = n == null ? null : n.get("topic");
            if (id == null || !id.isValueNode() || topic == null || !topic.isTextual()) {
                problems.accept(new RunReport.LogProblem(name, lineNumber, "no id and topic, skipped"));
                return;
            }
            String t = interned.computeIfAbsent(topic.asText().toLowerCase(Locale.ROOT), k -> k);
            topicById.put(id.asText(), t);
            topics.merge(t, 1, Integer::sum);
        });
        if (topicById.isEmpty()) {
            throw new UsageException("--ground-truth " + file + " holds no line with id and topic; "
                    + "is it the pool's eval file?");
        }
        List<String> unknown = new ArrayList<>();
        for (String t : relevantTopics) {
            if (!topics.containsKey(t)) {
                unknown.add(t);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("--relevant " + String.join(",", unknown) + ": no image in " + file
                    + " has that topic; the topics there are " + topics.keySet());
        }
        return new GroundTruth(file, topicById, Set.copyOf(relevantTopics), topics);
    }

    private static boolean isBlank(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The topic of an image id, or null when the file does not know it. */
    String topic(String id) {
        return id == null ? null : topicById.get(id);
    }

    boolean isRelevant(String topic) {
        return relevant.contains(topic);
    }

    Path file() {
        return file;
    }

    int size() {
        return topicById.size();
    }

    Map<String, Integer> topics() {
        return topics;
    }

    List<String> relevantTopics() {
        return relevant.stream().sorted().toList();
    }

    public static List<String> parseTopics(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    static String utf8(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
