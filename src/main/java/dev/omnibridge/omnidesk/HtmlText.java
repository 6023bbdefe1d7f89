package dev.omnibridge.omnidesk;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Turns editor HTML (knowledge-base articles) into plain text for a chat message. */
public final class HtmlText {

    /** Something that really is markup; "a < b" in plain text is not. */
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]*>|<!--");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);");
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t\\x0B\\f\\r]+");

    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
            "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
            "ul");

    private HtmlText() {}

    /**
     * Block elements and {@code <br>} become line breaks, list items get a bullet, entities are decoded, scripts and
     * styles dropped; spaces are collapsed within each line and runs of blank lines become one. Text without any tag
     * is returned as is (trimmed), so that plain-text content keeps its own line breaks.
     */
    public static String toText(String html) {
        if (html == null) {
            return "";
        }
        if (!TAG.matcher(html).find()) {
            return html.strip();
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.select("script, style, noscript, template, iframe, object").remove();
        TextCollector collector = new TextCollector();
        NodeTraversor.traverse(collector, document.body());
        return tidy(collector.text.toString());
    }

    /** One line of text, e.g. an article title: like {@link #toText} but entities are decoded even without tags. */
    public static String toLine(String html) {
        if (html == null) {
            return "";
        }
        String text = TAG.matcher(html).find() ? toText(html) : html;
        if (ENTITY.matcher(text).find()) {
            text = Parser.unescapeEntities(text, false);
        }
        return SPACES.matcher(text.replace('\n', ' ').replace('\u00A0', ' ')).replaceAll(" ").strip();
    }

    private static String tidy(String raw) {
        StringBuilder out = new StringBuilder();
        boolean pendingBlank = false;
        for (String line : raw.replace('\u00A0', ' ').split("\n", -1)) {
            String clean = SPACES.matcher(line).replaceAll(" ").strip();
            if (clean.isEmpty()) {
                pendingBlank = out.length() > 0;
                continue;
            }
            if (out.length() > 0) {
                out.append(pendingBlank ? "\n\n" : "\n");
            }
            out.append(clean);
            pendingBlank = false;
        }
        return out.toString();
    }

    /** Walks the DOM writing text, with a line break around every block element. */
    private static final class TextCollector implements NodeVisitor {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
                String value = textNode.getWholeText();
                // Source line breaks are just spaces in HTML, except inside <pre>.
                text.append(insidePre(textNode) ? value : value.replace('\r', ' ').replace('\n', ' '));
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("br")) {
                    text.append('\n');
                } else if (name.equals("li")) {
                    lineBreak();
                    text.append("• ");
                } else if (name.equals("td") || name.equals("th")) {
                    text.append(' ');
                } else if (BLOCKS.contains(name)) {
                    lineBreak();
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                lineBreak();
            }
        }

        private void lineBreak() {
            if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
        }

        private static boolean insidePre(TextNode node) {
            for (Node parent = node.parent(); parent != null; parent = parent.parent()) {
                if (parent instanceof Element element && element.normalName().equals("pre")) {
                    return true;
                }
            }
            return false;
        }
    }
}
