import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * Prints the mutation-testing table of the cookbook's modules from PIT's XML reports, and
 * checks it against the targets: test strength (killed / covered mutants) of at least
 * {@value #TARGET_STRENGTH}%, and every surviving mutant listed in MUTANTS.md with the reason
 * it survives. Run by the {@code mutation} Maven profile after PIT (see the root pom), or by hand:
 *
 * <pre>java bin/MutationSummary.java ROOT SESSION_START MODULE...</pre>
 *
 * SESSION_START (ISO-8601) marks reports older than this build as stale. Exits 1 when a module
 * misses a target, so {@code ./mvnw -Pmutation verify} fails; {@code -Dmutation.strict=false}
 * reports without failing.
 */
public final class MutationSummary {
    static final int TARGET_STRENGTH = 90;

    /** One line of MUTANTS.md's table: | module | Class.method | mutant | why |. */
    private static final Pattern EXPLAINED = Pattern.compile("^\\|\\s*([\\w-]+)\\s*\\|\\s*`?([^|`]+?)`?\\s*\\|\\s*([^|]+?)\\s*\\|.*");

    record Mutant(String module, String where, String description, int line, String status) {
        String key() {
            return module + " | " + where + " | " + description;
        }

        boolean detected() {
            return !status.equals("SURVIVED") && !status.equals("NO_COVERAGE");
        }
    }

    record Row(String module, int mutants, int killed, int timedOut, int survived, int noCoverage,
               boolean stale, List<Mutant> survivors) {
        int covered() {
            return mutants - noCoverage;
        }

        int strength() {
            return covered() == 0 ? 100 : (int) Math.round(100.0 * (covered() - survived) / covered());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bin/MutationSummary.java ROOT SESSION_START [--strict=false] MODULE...");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Instant sessionStart = parseInstant(args[1]);
        boolean strict = true;
        List<String> modules = new ArrayList<>();
        for (String arg : List.of(args).subList(2, args.length)) {
            if (arg.startsWith("--strict=")) {
                strict = Boolean.parseBoolean(arg.substring("--strict=".length()));
            } else {
                modules.add(arg);
            }
        }
        Set<String> explained = explainedMutants(root.resolve("MUTANTS.md"));

        List<Row> rows = new ArrayList<>();
        for (String module : modules) {
            Path xml = root.resolve(module).resolve("target/pit-reports/mutations.xml");
            if (Files.exists(xml)) {
                rows.add(read(module, xml, sessionStart));
            }
        }
        if (rows.isEmpty()) {
            System.out.println("[mutation] no PIT report found for " + modules);
            return;
        }

        System.out.println();
        System.out.println("Mutation testing (PIT): test strength = detected / covered; target " + TARGET_STRENGTH + "%");
        System.out.printf("%-18s %8s %8s %10s %9s %12s %9s%n",
                "module", "mutants", "killed", "timed out", "survived", "no coverage", "strength");
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            System.out.printf("%-18s %8d %8d %10d %9d %12d %8d%%%s%n", r.module(), r.mutants(), r.killed(),
                    r.timedOut(), r.survived(), r.noCoverage(), r.strength(), r.stale() ? "  (stale report)" : "");
            if (r.strength() < TARGET_STRENGTH) {
                problems.add(r.module() + ": test strength " + r.strength() + "% is below " + TARGET_STRENGTH + "%");
            }
            for (Mutant m : r.survivors()) {
                if (!explained.contains(m.key())) {
                    problems.add(m.module() + ": survivor not in MUTANTS.md: | " + m.module() + " | `" + m.where()
                            + "` | " + m.description() + " | (line " + m.line() + ") |");
                }
            }
        }
        System.out.println("Reports: <module>/target/pit-reports/index.html; survivors explained in MUTANTS.md.");
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(p -> System.out.println("[mutation] " + p));
            System.out.println("[mutation] kill each survivor with an assertion, or add its line to MUTANTS.md saying why it survives.");
            if (strict) {
                System.exit(1);
            }
        }
    }

    static Row read(String module, Path xml, Instant sessionStart) throws Exception {
        var doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(xml.toFile());
        var nodes = doc.getElementsByTagName("mutation");
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        List<Mutant> survivors = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            var e = (Element) nodes.item(i);
            String cls = text(e, "mutatedClass");
            var m = new Mutant(module, cls.substring(cls.lastIndexOf('.') + 1) + "." + text(e, "mutatedMethod"),
                    text(e, "description"), Integer.parseInt(text(e, "lineNumber")), e.getAttribute("status"));
            byStatus.merge(m.status(), 1, Integer::sum);
            if (m.status().equals("SURVIVED")) {
                survivors.add(m);
            }
        }
        boolean stale = Files.getLastModifiedTime(xml).toInstant().isBefore(sessionStart);
        return new Row(module, nodes.getLength(), byStatus.getOrDefault("KILLED", 0) + byStatus.getOrDefault("MEMORY_ERROR", 0)
                + byStatus.getOrDefault("RUN_ERROR", 0), byStatus.getOrDefault("TIMED_OUT", 0),
                byStatus.getOrDefault("SURVIVED", 0), byStatus.getOrDefault("NO_COVERAGE", 0), stale, survivors);
    }

    static Set<String> explainedMutants(Path mutantsMd) throws IOException {
        Set<String> keys = new TreeSet<>();
        if (!Files.exists(mutantsMd)) {
            return keys;
        }
        for (String line : Files.readAllLines(mutantsMd)) {
            var m = EXPLAINED.matcher(line);
            if (m.matches()) {
                keys.add(m.group(1) + " | " + m.group(2).strip() + " | " + m.group(3).strip());
            }
        }
        return keys;
    }

    private static String text(Element e, String tag) {
        var list = e.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().strip();
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
