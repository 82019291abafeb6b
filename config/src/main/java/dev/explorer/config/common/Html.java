package dev.explorer.config.common;

/** The one HTML escape of the project (the pool's search page, the report's page and its SVG charts). */
public final class Html {
    private Html() {}

    /**
     * Text made safe for HTML and XML element content and quoted attribute values: {@code < > & " '}
     * become entities, control characters other than newline and tab (not allowed in XML) become
     * a space, and null becomes the empty string.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
