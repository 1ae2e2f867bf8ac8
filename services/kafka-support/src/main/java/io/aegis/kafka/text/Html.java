package io.aegis.kafka.text;

/**
 * Escaping of text put into HTML (element content and quoted attribute values), for every page
 * Aegis writes itself: the node's acknowledgement pages, the devstack's mailbox, the operators'
 * HTML timelines. {@code null} is the empty text.
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
