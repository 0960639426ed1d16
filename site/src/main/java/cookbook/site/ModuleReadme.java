package cookbook.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * A module's README cut the way a reader uses it: the title, the intro (everything before the
 * first {@code ## ID: title} heading, the recipe table included), one section per recipe,
 * and whatever follows the recipes. The table gives each recipe's Python original and Java
 * idiom; each section splits into the parts the house style names.
 */
final class ModuleReadme {
    private static final Pattern SECTION = Pattern.compile("([A-Z]+-\\d{2}):\\s*(.*)");

    /** The parts of a recipe's note, in the house order; each opens with its bold label. */
    static final List<String> PARTS = List.of("Python original", "Java", "Where Java differs", "Claim and proof",
            "Run it");

    /** A row of the recipe table: the cells that say what the recipe maps, from and to. */
    record Row(Node python, Node java) {
    }

    /** One part of a note: its label ("" before the first label) and its blocks. */
    record Part(String label, List<Node> blocks) {
        String anchor() {
            return "note-" + (label.isEmpty() ? "intro" : label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        }
    }

    final Markdown.Doc doc;
    final String title;
    final List<Node> intro = new ArrayList<>();
    final List<Node> after = new ArrayList<>();
    final Map<String, List<Node>> sections = new LinkedHashMap<>();
    final Map<String, Heading> sectionHeadings = new LinkedHashMap<>();
    final Map<String, Row> rows = new LinkedHashMap<>();

    private ModuleReadme(Markdown.Doc doc) {
        this.doc = doc;
        String heading = "";
        List<Node> current = intro;
        for (Node block : doc.blocks()) {
            if (block instanceof Heading h && h.getLevel() == 1 && heading.isEmpty()) {
                heading = Markdown.text(h);
                continue;
            }
            if (block instanceof Heading h && h.getLevel() <= 2) {
                Matcher m = SECTION.matcher(Markdown.text(h).strip());
                if (m.matches()) {
                    current = sections.computeIfAbsent(m.group(1), id -> new ArrayList<>());
                    sectionHeadings.put(m.group(1), h);
                    continue;
                }
                current = sections.isEmpty() ? intro : after;
            }
            current.add(block);
        }
        this.title = heading;
        sections.values().forEach(ModuleReadme::dropTrailingRules);
        dropTrailingRules(intro);
        readTable();
    }

    static ModuleReadme parse(String repoPath, String text) {
        return new ModuleReadme(Markdown.parse(repoPath, text));
    }

    /** The anchor GitHub gives the recipe's heading, so that links to it can be sent to its page. */
    Optional<String> sectionAnchor(String id) {
        return Optional.ofNullable(sectionHeadings.get(id)).map(doc::anchor);
    }

    /** The note of one recipe in parts: before the first label, then one per label. */
    List<Part> parts(String id) {
        var parts = new ArrayList<Part>();
        String label = "";
        var blocks = new ArrayList<Node>();
        for (Node block : sections.getOrDefault(id, List.of())) {
            Optional<String> next = label(block);
            if (next.isPresent()) {
                if (!blocks.isEmpty() || !label.isEmpty()) {
                    parts.add(new Part(label, List.copyOf(blocks)));
                }
                label = next.get();
                blocks = new ArrayList<>();
            }
            blocks.add(block);
        }
        if (!blocks.isEmpty()) {
            parts.add(new Part(label, List.copyOf(blocks)));
        }
        return parts;
    }

    /** "Python original", "Java", ...: the bold words a paragraph of a note opens with, if any. */
    private static Optional<String> label(Node block) {
        if (block instanceof Paragraph p && p.getFirstChild() instanceof StrongEmphasis strong) {
            String words = Markdown.text(strong).replaceAll("[.:]+$", "").strip();
            return PARTS.stream().filter(words::equalsIgnoreCase).findFirst();
        }
        return Optional.empty();
    }

    /** Reads the table whose header has ID, Python original and Java idiom columns. */
    private void readTable() {
        for (Node block : intro) {
            if (!(block instanceof TableBlock table)) {
                continue;
            }
            List<List<TableCell>> tableRows = rowsOf(table);
            if (tableRows.isEmpty()) {
                continue;
            }
            List<String> header = tableRows.getFirst().stream().map(c -> Markdown.text(c).strip()).toList();
            int python = header.indexOf("Python original");
            int java = header.indexOf("Java idiom");
            if (!header.contains("ID") || python < 0 || java < 0) {
                continue;
            }
            int idColumn = header.indexOf("ID");
            for (List<TableCell> cells : tableRows.subList(1, tableRows.size())) {
                if (cells.size() > Math.max(python, java)) {
                    rows.put(Markdown.text(cells.get(idColumn)).strip(), new Row(cells.get(python), cells.get(java)));
                }
            }
        }
    }

    private static List<List<TableCell>> rowsOf(TableBlock table) {
        var rows = new ArrayList<List<TableCell>>();
        table.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomBlock block) {
                visitChildren(block);
            }

            @Override
            public void visit(org.commonmark.node.CustomNode node) {
                if (node instanceof TableRow row) {
                    var cells = new ArrayList<TableCell>();
                    for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
                        cells.add((TableCell) c);
                    }
                    rows.add(cells);
                } else {
                    visitChildren(node);
                }
            }
        });
        return rows;
    }

    private static void dropTrailingRules(List<Node> blocks) {
        while (!blocks.isEmpty() && blocks.getLast() instanceof ThematicBreak) {
            blocks.removeLast();
        }
    }
}
