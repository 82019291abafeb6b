package dev.explorer.pool.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.explorer.pool.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Images listed in a JSON-lines ({@code .jsonl}) or CSV ({@code .csv}, with a header row) file:
 * fields {@code path} (or {@code file}/{@code image}; relative to the list file), {@code caption}
 * (or {@code text}/{@code title}), optional {@code tags} (array, or a string split on , and ;),
 * optional {@code label} (ground truth, eval only).
 */
public final class ListFileSource implements Source {

    private final String name;
    private final Path listFile;
    private final String licence;

    public ListFileSource(String name, Path listFile, String licence) {
        this.name = name;
        this.listFile = listFile;
        this.licence = licence == null ? "unknown" : licence;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        return Files.isRegularFile(listFile) ? null : "caption list " + listFile + " does not exist";
    }

    @Override
    public List<SourceItem> items(int limit) throws IOException {
        List<Map<String, Object>> rows = listFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? readCsv() : readJsonl();
        Path base = listFile.toAbsolutePath().getParent();
        List<SourceItem> out = new ArrayList<>();
        int line = 1;
        for (Map<String, Object> row : rows) {
            line++;
            String path = first(row, "path", "file", "image", "filepath");
            if (path.isEmpty()) {
                throw new IOException(listFile + " row " + line + ": no path (give a path, file or image field)");
            }
            Path img = base.resolve(path).normalize();
            List<String> tags = new ArrayList<>();
            Object t = row.get("tags");
            if (t instanceof List<?> l) {
                l.forEach(x -> tags.add(String.valueOf(x)));
            } else if (t != null) {
                tags.addAll(Words.splitList(String.valueOf(t)));
            }
            out.add(new SourceItem(name, licence, path, first(row, "caption", "text", "title"),
                    Words.fromFileName(img.getFileName().toString()), Words.cleanTags(tags), first(row, "label"),
                    Topic.UNKNOWN, false, FolderSource.ref(img)));
        }
        return Sampling.evenly(out, limit);
    }

    private static String first(Map<String, Object> row, String... keys) {
        for (String k : keys) {
            Object v = row.get(k);
            if (v != null && !String.valueOf(v).isBlank()) {
                return String.valueOf(v).strip();
            }
        }
        return "";
    }

    private List<Map<String, Object>> readJsonl() throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode j;
            try {
                j = om.readTree(line);
            } catch (IOException e) {
                throw new IOException(listFile + " line " + n + " is not JSON: " + e.getMessage(), e);
            }
            Map<String, Object> row = new HashMap<>();
            j.fields().forEachRemaining(e -> row.put(e.getKey().toLowerCase(Locale.ROOT),
                    e.getValue().isArray() ? FolderSource.tagList(e.getValue()) : e.getValue().asText()));
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> readCsv() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(listFile, StandardCharsets.UTF_8)) {
            List<List<String>> records = parseCsv(r);
            if (records.isEmpty()) {
                return rows;
            }
            List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            for (List<String> rec : records.subList(1, records.size())) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < header.size() && i < rec.size(); i++) {
                    row.put(header.get(i), rec.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(BufferedReader r) throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = r.read()) != -1) {
            char ch = (char) c;
            any = true;
            if (quoted) {
                if (ch == '"') {
                    r.mark(1);
                    int n = r.read();
                    if (n == '"') {
                        f.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            r.reset();
                        }
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                rec.add(f.toString());
                f.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    r.mark(1);
                    if (r.read() != '\n') {
                        r.reset();
                    }
                }
                rec.add(f.toString());
                f.setLength(0);
                if (!(rec.size() == 1 && rec.get(0).isEmpty())) {
                    out.add(rec);
                }
                rec = new ArrayList<>();
                any = false;
            } else {
                f.append(ch);
            }
        }
        if (any) {
            rec.add(f.toString());
            out.add(rec);
        }
        return out;
    }
}
