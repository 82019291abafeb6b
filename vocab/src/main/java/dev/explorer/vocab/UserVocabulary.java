package dev.explorer.vocab;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vocabulary from a text file: one query per line; blank lines and lines starting with
 * {@code #} are ignored; repeated queries (ignoring case and extra spaces) are kept once and
 * counted in a warning.
 */
public final class UserVocabulary {

    private static final Logger LOG = LoggerFactory.getLogger(UserVocabulary.class);

    /** What parsing found: the vocabulary and how many duplicate lines were dropped. */
    public record Parsed(Vocabulary vocabulary, int duplicates, int ignoredLines) {
    }

    private UserVocabulary() {
    }

    /**
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or has no query
     */
    public static Parsed read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Vocabulary file " + file + " does not exist; set vocab.file to a text file "
                    + "with one query per line");
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("Vocabulary file " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read vocabulary file " + file + ": " + e.getMessage(), e);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Parsed parsed = parse("user-" + stem.replaceAll("[^A-Za-z0-9._-]", "_"), lines);
        if (parsed.vocabulary().size() == 0) {
            throw new IllegalArgumentException("Vocabulary file " + file + " holds no query (only blank lines or # comments)");
        }
        if (parsed.duplicates() > 0) {
            LOG.warn("Vocabulary file {}: removed {} duplicate queries; {} remain", file, parsed.duplicates(),
                    parsed.vocabulary().size());
        }
        return parsed;
    }

    /** Parses lines as a vocabulary file would be parsed. */
    public static Parsed parse(String name, List<String> lines) {
        List<Concept> concepts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        int ignored = 0;
        for (String raw : lines) {
            String line = raw.strip();
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') { // byte-order mark left by some editors
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                ignored++;
                continue;
            }
            String query = line.replaceAll("\\s+", " ");
            if (!seen.add(query.toLowerCase(Locale.ROOT))) {
                duplicates++;
                continue;
            }
            concepts.add(Concept.user(query));
        }
        return new Parsed(new Vocabulary(name, concepts), duplicates, ignored);
    }
}
