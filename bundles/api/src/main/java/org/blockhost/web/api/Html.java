package org.blockhost.web.api;

/**
 * Escaping for text put into server-rendered HTML, in element content and in quoted attribute
 * values (single or double quotes). {@code null} becomes the empty string; control characters
 * (U+0000–U+001F, U+007F–U+009F) become a space, so a value can never break a line or smuggle a
 * terminal or parser control sequence into a page.
 */
public final class Html {

    private Html() {
    }

    /** The text with {@code < > & " '} replaced by character references and control characters by spaces. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
