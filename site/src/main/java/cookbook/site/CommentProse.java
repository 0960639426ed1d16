package cookbook.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.github.javaparser.ast.comments.TraditionalJavadocComment;
import com.github.javaparser.javadoc.Javadoc;
import com.github.javaparser.javadoc.JavadocBlockTag;
import com.github.javaparser.javadoc.description.JavadocDescription;
import com.github.javaparser.javadoc.description.JavadocDescriptionElement;
import com.github.javaparser.javadoc.description.JavadocInlineTag;
import com.github.javaparser.javadoc.description.JavadocSnippet;

/**
 * Turns a comment, as it stands in the source, into Markdown for the prose column. Javadoc is
 * parsed by JavaParser: {@code {@code x}} becomes inline code, {@code {@link X#m}} the name it
 * points at, {@code <p>} a paragraph break; any other HTML (lists, emphasis, {@code <pre>})
 * passes through, as Markdown allows. Line comments are Markdown already.
 */
final class CommentProse {
    private static final Pattern PARAGRAPH_TAG = Pattern.compile("(?i)\\s*</?p>\\s*");
    private static final Pattern PRE_START = Pattern.compile("(?i)<pre>");
    private static final Pattern PRE_END = Pattern.compile("(?i)</pre>");

    private CommentProse() {
    }

    /** The Markdown of one comment token: {@code /** ... * /}, {@code /* ... * /} or {@code // ...}. */
    static String markdown(String comment) {
        if (comment.startsWith("//")) {
            String text = comment.substring(comment.startsWith("///") ? 3 : 2);
            return text.startsWith(" ") ? text.substring(1) : text;
        }
        if (comment.startsWith("/**") && !comment.equals("/**/")) {
            return javadoc(new TraditionalJavadocComment(comment.substring(3, comment.length() - 2)).parse());
        }
        String body = comment.substring(2, comment.length() - 2);
        var lines = new ArrayList<String>();
        for (String line : body.split("\n", -1)) {
            lines.add(line.strip().replaceFirst("^\\*\\s?", ""));
        }
        return String.join("\n", lines).strip();
    }

    private static String javadoc(Javadoc doc) {
        var out = new StringBuilder(description(doc.getDescription()));
        var tags = new ArrayList<String>();
        for (JavadocBlockTag tag : doc.getBlockTags()) {
            String name = tag.getName().map(n -> " <code>" + Html.escape(n) + "</code>").orElse("");
            tags.add("- <strong>" + Html.escape(tag.getTagName()) + "</strong>" + name + " "
                    + description(tag.getContent()).replace("\n", " "));
        }
        if (!tags.isEmpty()) {
            out.append("\n\n").append(String.join("\n", tags));
        }
        return out.toString().strip();
    }

    /**
     * Javadoc's description as Markdown. JavaParser ends an inline tag at its first closing
     * brace, so {@code {@code f(){}}} arrives cut short: the braces are balanced here.
     */
    private static String description(JavadocDescription description) {
        List<JavadocDescriptionElement> elements = description.getElements();
        var out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            JavadocDescriptionElement element = elements.get(i);
            if (element instanceof JavadocInlineTag tag) {
                String content = tag.getContent();
                int open = depth(content);
                if (open > 0 && i + 1 < elements.size() && elements.get(i + 1) instanceof JavadocSnippet next) {
                    // The brace JavaParser took as the end closed an inner brace: take text up to the real end.
                    String rest = next.toText();
                    int end = closingBrace(rest, open - 1);
                    if (end >= 0) {
                        content = content + "}" + rest.substring(0, end);
                        i++;
                        out.append(inlineTag(tag.getType(), content)).append(rest.substring(end + 1));
                        continue;
                    }
                }
                out.append(inlineTag(tag.getType(), content));
            } else {
                out.append(element.toText());
            }
        }
        return paragraphs(out.toString());
    }

    private static int depth(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return depth;
    }

    /** Index of the brace that closes the tag, given {@code open} braces still open in its content. */
    private static int closingBrace(String text, int open) {
        int depth = open;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static String inlineTag(JavadocInlineTag.Type type, String content) {
        String text = content.strip();
        return switch (type) {
            case CODE, LITERAL -> "<code>" + Html.escape(text) + "</code>";
            case LINK -> "<code>" + Html.escape(linkLabel(text)) + "</code>";
            case LINKPLAIN -> Html.escape(linkLabel(text));
            default -> Html.escape(text);
        };
    }

    /** {@code Foo#bar(int) label} shows "label"; {@code Foo#bar(int)} shows "Foo.bar(int)". */
    private static String linkLabel(String reference) {
        int parens = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            parens += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (parens == 0 && Character.isWhitespace(c)) {
                return reference.substring(i + 1).strip();
            }
        }
        return reference.startsWith("#") ? reference.substring(1) : reference.replace('#', '.');
    }

    /**
     * Javadoc lines lose their indentation (four spaces would make a Markdown code block),
     * except inside {@code <pre>}; {@code <p>} becomes a blank line.
     */
    private static String paragraphs(String javadoc) {
        var out = new StringBuilder();
        boolean inPre = false;
        for (String line : javadoc.split("\n", -1)) {
            if (inPre) {
                out.append(line).append('\n');
                inPre = !PRE_END.matcher(line).find();
                continue;
            }
            inPre = PRE_START.matcher(line).find() && !PRE_END.matcher(line).find();
            out.append(PARAGRAPH_TAG.matcher(line.strip()).replaceAll("\n\n")).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
