package io.hwplatform.support.documents;

/** Text made safe for HTML and SVG, where it comes from the machine (device names, firmware strings). */
public final class Markup {

    private Markup() {}

    /** @return the text with {@code & < > " '} escaped and control characters but tab and newline blanked */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
