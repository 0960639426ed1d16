package cookbook.site;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown with commonmark-java: GitHub tables, and heading anchors made by the heading-anchor
 * extension's {@link IdGenerator} exactly as GitHub makes them, so that a README's own links
 * ({@code #pool-03-submit-does-not-block-waiting-for-the-pool}) keep working. Anchors are
 * computed once per document, so a document rendered in parts (a module README's intro on
 * one page, each recipe's section on another) keeps the anchors of the whole.
 */
final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    /** A parsed Markdown file of the project, and the anchor of each of its headings. */
    static final class Doc {
        final String repoPath;
        final Node root;
        private final Map<Heading, String> anchors = new IdentityHashMap<>();

        private Doc(String repoPath, Node root) {
            this.repoPath = repoPath;
            this.root = root;
            var ids = IdGenerator.builder().build();
            root.accept(new AbstractVisitor() {
                @Override
                public void visit(Heading heading) {
                    anchors.put(heading, ids.generateId(text(heading).strip().toLowerCase(Locale.ROOT)));
                }
            });
        }

        String anchor(Heading heading) {
            return anchors.get(heading);
        }

        Set<String> allAnchors() {
            return Set.copyOf(anchors.values());
        }

        /** The top-level blocks, in order. */
        List<Node> blocks() {
            var blocks = new ArrayList<Node>();
            for (Node n = root.getFirstChild(); n != null; n = n.getNext()) {
                blocks.add(n);
            }
            return blocks;
        }
    }

    private Markdown() {
    }

    static Doc parse(String repoPath, String text) {
        return new Doc(repoPath, PARSER.parse(text));
    }

    /** Parses prose that belongs to no file (a comment): links in it are taken as written. */
    static Node parseFragment(String text) {
        return PARSER.parse(text);
    }

    /**
     * The text of a node without markup: its text and code spans, a line break as a space.
     * This is also what the heading-anchor extension reads of a heading to make its anchor.
     */
    static String text(Node node) {
        var text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                text.append(c.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak b) {
                text.append(' ');
            }
        });
        return text.toString();
    }

    /**
     * Points every link of {@code doc} at the page of the site that shows its target; a link
     * whose target does not exist becomes its plain text, and a problem.
     */
    static void resolveLinks(Doc doc, SiteLinks links, Problems problems) {
        var all = new ArrayList<Link>();
        doc.root.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                all.add(link);
                visitChildren(link);
            }
        });
        for (Link link : all) {
            Optional<String> target = links.resolve(doc.repoPath, link.getDestination());
            if (target.isPresent()) {
                link.setDestination(target.get());
            } else {
                String what = "link to " + link.getDestination() + " (\"" + text(link) + "\") leads nowhere";
                problems.add(Problems.Kind.BROKEN_LINK, doc.repoPath, what);
                link.insertBefore(rawHtml("<span class=\"broken-link\" title=\"" + Html.escape(what) + "\">"));
                link.insertAfter(rawHtml("</span>"));
                unwrap(link);
            }
        }
    }

    /**
     * Links each recipe ID mentioned in running text ({@code PROC-03}) to its page, except
     * {@code self}, inside headings, code and existing links.
     */
    static void linkRecipeIds(List<Node> blocks, SiteLinks links, String self) {
        var texts = new ArrayList<Text>();
        for (Node block : blocks) {
            block.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    texts.add(text);
                }

                @Override
                public void visit(Link link) {
                    // Already a link.
                }

                @Override
                public void visit(Heading heading) {
                    // Headings keep their text: their anchors are made from it.
                }
            });
        }
        for (Text text : texts) {
            Matcher m = Recipe.ID.matcher(text.getLiteral());
            int from = 0;
            var pieces = new ArrayList<Node>();
            String literal = text.getLiteral();
            while (m.find()) {
                Optional<String> page = links.recipePage(m.group());
                if (page.isEmpty() || m.group().equals(self) || !wordBoundary(literal, m.start(), m.end())) {
                    continue;
                }
                if (m.start() > from) {
                    pieces.add(new Text(literal.substring(from, m.start())));
                }
                var link = new Link(SiteLinks.SCHEME + page.get(), null);
                link.appendChild(new Text(m.group()));
                pieces.add(link);
                from = m.end();
            }
            if (pieces.isEmpty()) {
                continue;
            }
            if (from < literal.length()) {
                pieces.add(new Text(literal.substring(from)));
            }
            for (Node piece : pieces) {
                text.insertBefore(piece);
            }
            text.unlink();
        }
    }

    private static boolean wordBoundary(String s, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(s.charAt(start - 1)))
                && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)));
    }

    /** Renders {@code nodes} for {@code page}: site links made relative, headings with their anchors. */
    static String render(List<Node> nodes, Doc doc, String page) {
        HtmlRenderer renderer = renderer(doc, page);
        var html = new StringBuilder();
        for (Node node : nodes) {
            html.append(renderer.render(node));
        }
        return html.toString();
    }

    /** Renders prose from a comment, for {@code page}. */
    static String renderFragment(Node node, String page) {
        return renderer(null, page).render(node);
    }

    /** Renders the inline content of {@code node} (a table cell), without the cell itself. */
    static String renderInline(Node node, Doc doc, String page) {
        HtmlRenderer renderer = renderer(doc, page);
        var html = new StringBuilder();
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            html.append(renderer.render(n));
        }
        return html.toString();
    }

    private static HtmlRenderer renderer(Doc doc, String page) {
        return HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if (node instanceof Heading heading && doc != null && doc.anchor(heading) != null) {
                        attributes.put("id", doc.anchor(heading));
                    }
                    String src = attributes.get("src");
                    if (src != null && src.startsWith(SiteLinks.SCHEME)) {
                        attributes.put("src", Html.relative(page, src.substring(SiteLinks.SCHEME.length())));
                    }
                    String href = attributes.get("href");
                    if (href != null && href.startsWith(SiteLinks.SCHEME)) {
                        attributes.put("href", Html.relative(page, href.substring(SiteLinks.SCHEME.length())));
                        // A recipe ID as a link keeps together: "PROC-" and "03" on two lines reads badly.
                        if (Recipe.ID.matcher(text(node)).matches()) {
                            attributes.put("class", "rid");
                        }
                    }
                })
                .build();
    }

    private static Node rawHtml(String html) {
        var node = new HtmlInline();
        node.setLiteral(html);
        return node;
    }

    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }
}
