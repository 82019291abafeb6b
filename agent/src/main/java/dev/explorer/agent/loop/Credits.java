package dev.explorer.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.explorer.run.AtomicFiles;
import dev.explorer.run.LoopState;
import dev.explorer.run.QueryRecord;
import dev.explorer.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who made each image in the replay buffer and under which licence: {@code RUN_DIR/credits.csv}
 * (image, creator, licence, source page, engine, URL), rewritten atomically after every commit
 * from the replay buffer's entries. The provenance comes from the kept results of
 * {@code rewards.jsonl}, so it is rebuilt on resume from the committed lines and needs no state.
 */
final class Credits {
    static final String FILE = "credits.csv";
    static final String HEADER = "image,creator,licence,source_page,engine,url";

    private record Credit(String creator, String licence, String page, String engine, String url) {}

    private final Map<String, Credit> bySha = new HashMap<>();

    void add(List<QueryRecord> records) {
        for (QueryRecord r : records) {
            for (QueryRecord.ImageResult i : r.images()) {
                if (i.kept() && i.sha256() != null) {
                    bySha.putIfAbsent(i.sha256(), new Credit(i.creator(), i.licence(), i.page(), i.engine(), i.url()));
                }
            }
        }
    }

    /** Adds one image result read back from the rewards log (a kept one; others are ignored). */
    void add(JsonNode img) {
        if (img.path("kept").asBoolean() && img.hasNonNull("sha256")) {
            bySha.putIfAbsent(img.get("sha256").asText(), new Credit(text(img, "creator"), text(img, "licence"),
                    text(img, "page"), text(img, "engine"), text(img, "url")));
        }
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    /** Writes one row per replay image, in the buffer's order. */
    void write(Path runDir, List<LoopState.Kept> replay) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (LoopState.Kept k : replay) {
            Credit c = bySha.getOrDefault(k.sha256(), new Credit(null, null, null, null, null));
            b.append(csv(runDir.relativize(RunDirectory.image(runDir, k.sha256())).toString())).append(',')
                    .append(csv(c.creator())).append(',').append(csv(c.licence())).append(',').append(csv(c.page()))
                    .append(',').append(csv(c.engine())).append(',').append(csv(c.url())).append('\n');
        }
        AtomicFiles.write(runDir.resolve(FILE), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a creator name. */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace("\r", " ").replace("\n", " ");
        if (!t.isEmpty() && "=+-@".indexOf(t.charAt(0)) >= 0) {
            t = "'" + t;
        }
        return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
