package dev.explorer.config.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupQuotesAndControlCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt; &amp; &#39;", Html.esc("<a href=\"x\"> & '"));
        assertEquals("a b\nc\td", Html.esc("a\u0007b\nc\td"));
        assertEquals("", Html.esc(null));
        assertEquals("caf\u00e9 \u2764", Html.esc("caf\u00e9 \u2764"));
    }
}
