package dev.explorer.pool.source;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns file names and keyword lists into caption words, dropping metadata noise. */
public final class Words {

    /**
     * Keywords that describe the file or the collection, not the picture (measured noise in
     * OpenClipart subjects and icon names), plus file-format words.
     */
    public static final Set<String> STOP_LIST = Set.of(
            "hash", "magick", "icons", "icon", "theme", "png", "svg", "jpg", "jpeg", "gif", "image", "images",
            "clipart", "clip", "art", "openclipart", "unsorted", "media", "file", "inkscape", "remix", "externalsource",
            "color", "colour", "public", "domain", "publicdomain", "pd", "cc0", "architetto", "francesco", "rollandin",
            "mirror", "flip", "copy", "new", "untitled", "drawing", "layer", "path", "the", "a", "an", "of", "and",
            "default");

    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");

    private Words() {
    }

    /** Words of a file name without its extension: split on non-letters and camel case; no digits, no stop words. */
    public static List<String> fromFileName(String fileName) {
        String base = fileName;
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : SPLIT.split(CAMEL.matcher(base).replaceAll(" "))) {
            String w = part.toLowerCase(Locale.ROOT).replace("'", "");
            if (w.length() < 2 || w.chars().anyMatch(Character::isDigit) || STOP_LIST.contains(w)) {
                continue;
            }
            out.add(w);
        }
        return List.copyOf(out);
    }

    /** Cleans keyword tags: trims, lower-cases, drops empty, numeric and stop-listed ones, keeps order, no repeats. */
    public static List<String> cleanTags(Iterable<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t == null) {
                continue;
            }
            String w = t.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
            if (w.isEmpty() || w.chars().allMatch(c -> Character.isDigit(c) || c == ' ') || STOP_LIST.contains(w)
                    || w.length() > 60) {
                continue;
            }
            out.add(w);
        }
        return List.copyOf(out);
    }

    /** Splits a comma- or semicolon-separated keyword string. */
    public static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String p : s.split("[,;]")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    /** Removes an emoji skin-tone qualifier ("waving hand: medium skin tone" -> "waving hand"). */
    public static String withoutSkinTone(String label) {
        return label.replaceAll("(?i)[:,]?\\s*(light|medium-light|medium|medium-dark|dark)\\s+skin\\s+tone", "")
                .replaceAll(":\\s*$", "").strip();
    }

    /** A file-name slug (e.g. "man-surfing") back to words. */
    public static String unslug(String slug) {
        return slug.replace('-', ' ').replace('_', ' ').strip();
    }
}
