package cookbook.site;

/** Escaping for text and attribute values, and relative links between pages of the site. */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The link from one page to another, both given relative to the site root
     * ({@code locks/LCK-04.html} to {@code index.html} is {@code ../index.html}).
     */
    static String relative(String fromPage, String toPath) {
        String[] from = fromPage.split("/");
        String[] to = toPath.split("/");
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        var out = new StringBuilder();
        for (int i = common; i < from.length - 1; i++) {
            out.append("../");
        }
        for (int i = common; i < to.length; i++) {
            out.append(to[i]);
            if (i < to.length - 1) {
                out.append('/');
            }
        }
        return out.toString();
    }
}
