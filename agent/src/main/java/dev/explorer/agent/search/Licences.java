package dev.explorer.agent.search;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * One vocabulary for licences across engines (Openverse's names: cc0, pdm, by, by-sa, by-nd, by-nc,
 * by-nc-sa, by-nc-nd; plus nkcr and usgov for Flickr's "no known copyright restrictions" and "US
 * Government work"), so a filter and the report mean the same thing whichever engine answered.
 */
public final class Licences {
    private Licences() {}

    /** Flickr licence ids (flickr.photos.licenses.getInfo); ids not listed are rejected, never guessed. */
    static final Map<String, String> FLICKR = Map.ofEntries(Map.entry("0", "all-rights-reserved"),
            Map.entry("1", "by-nc-sa"), Map.entry("2", "by-nc"), Map.entry("3", "by-nc-nd"), Map.entry("4", "by"),
            Map.entry("5", "by-sa"), Map.entry("6", "by-nd"), Map.entry("7", "nkcr"), Map.entry("8", "usgov"),
            Map.entry("9", "cc0"), Map.entry("10", "pdm"));

    /**
     * The normalised name of a free-text licence ("CC BY-SA 4.0", "cc-by-sa-3.0", "Public domain",
     * "CC0"), or the lower-cased text when it is none of those (it then fails any filter).
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("\\s+", " ");
        if (s.equals("cc0") || s.startsWith("cc0 ") || s.startsWith("cc0-") || s.startsWith("cc-zero")) {
            return "cc0";
        }
        if (s.equals("pdm") || s.startsWith("public domain") || s.equals("pd")) {
            return "pdm";
        }
        String t = s.replaceFirst("^cc[ -]", "").replaceAll("[ -]?[0-9.]+( [a-z]+)?$", "").replace(' ', '-');
        if (t.matches("by(-nc)?(-sa|-nd)?")) {
            return t;
        }
        return s;
    }

    /** Whether a hit with this licence passes the filter (an empty filter passes everything). */
    public static boolean accepted(String licence, Collection<String> filter) {
        return filter.isEmpty() || (licence != null && filter.contains(licence));
    }
}
