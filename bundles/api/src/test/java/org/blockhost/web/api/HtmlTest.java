package org.blockhost.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupAndBothQuotesAreEscaped() {
        assertEquals("&lt;img src=x onerror=&quot;a&#39;b&quot;&gt; &amp;amp;", Html.escape("<img src=x onerror=\"a'b\"> &amp;"));
    }

    @Test
    void nullIsEmptyAndControlCharactersBecomeSpaces() {
        assertEquals("", Html.escape(null));
        assertEquals("a b c d e f", Html.escape("a\nb\rc\u0000d\u001be\u0085f"));
        assertEquals("tab del ", Html.escape("tab\tdel\u007f"));
    }

    @Test
    void otherTextIsKept() {
        assertEquals("Zürich — 30.00 USDC / day 🙂", Html.escape("Zürich — 30.00 USDC / day 🙂"));
    }
}
