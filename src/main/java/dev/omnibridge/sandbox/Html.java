package dev.omnibridge.sandbox;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/** The little HTML handling the sandbox needs: messages written as HTML only, and KB search over article bodies. */
final class Html {

    private Html() {
    }

    /** Visible text of an HTML fragment, entities decoded, non-breaking spaces made plain. */
    static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.parseBodyFragment(html).text().replace('\u00a0', ' ').trim();
    }

    /** HTML form of a plain message, the way the Omnidesk editor would store it. */
    static String fromText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "<p>" + Entities.escape(text).replace("\r\n", "\n").replace("\n", "<br>") + "</p>";
    }
}
