package cookbook.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The verdicts of a module's last test run, read from Surefire's
 * {@code target/surefire-reports/TEST-*.xml}. A claim's verdict gathers every run of its test
 * (a repeated or parameterised test runs several times): failed if one run failed, skipped if
 * all were skipped, passed otherwise; not run when the report has no such test.
 */
final class SurefireReports {
    enum Status { PASSED, FAILED, SKIPPED, NOT_RUN }

    /** A claim's verdict: its status, how many runs passed of how many, and a reason or message. */
    record Verdict(Status status, int passed, int runs, String message) {
        String word() {
            return status == Status.NOT_RUN ? "not run" : status.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Run(String name, Status status, String message) {
    }

    private final Map<String, List<Run>> runsByClass;
    /** When the newest report was written, if there is one. */
    final Optional<FileTime> written;

    private SurefireReports(Map<String, List<Run>> runsByClass, Optional<FileTime> written) {
        this.runsByClass = runsByClass;
        this.written = written;
    }

    static SurefireReports of(Path module) {
        Path dir = module.resolve("target/surefire-reports");
        var runs = new HashMap<String, List<Run>>();
        FileTime newest = null;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path report : files.filter(SurefireReports::isReport).sorted().toList()) {
                    read(report, runs);
                    FileTime time = Files.getLastModifiedTime(report);
                    newest = newest == null || time.compareTo(newest) > 0 ? time : newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SurefireReports(runs, Optional.ofNullable(newest));
    }

    private static boolean isReport(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml");
    }

    private static void read(Path report, Map<String, List<Run>> runs) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            NodeList cases = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                var testcase = (Element) cases.item(i);
                runs.computeIfAbsent(testcase.getAttribute("classname"), c -> new ArrayList<>())
                        .add(new Run(testcase.getAttribute("name"), status(testcase), message(testcase)));
            }
        } catch (Exception e) {
            // A report cut short (a build stopped while writing it) says nothing: its tests show "not run".
        }
    }

    private static Status status(Element testcase) {
        if (first(testcase, "failure") != null || first(testcase, "error") != null) {
            return Status.FAILED;
        }
        return first(testcase, "skipped") != null ? Status.SKIPPED : Status.PASSED;
    }

    private static String message(Element testcase) {
        for (String tag : List.of("failure", "error", "skipped")) {
            Element e = first(testcase, tag);
            if (e != null) {
                return e.getAttribute("message");
            }
        }
        return "";
    }

    private static Element first(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    /** The verdict on method {@code method} of {@code testClass}, over all its runs. */
    Verdict verdict(String testClass, String method) {
        List<Run> runs = runsByClass.getOrDefault(testClass, List.of()).stream()
                .filter(r -> r.name().equals(method) || r.name().startsWith(method + "(")
                        || r.name().startsWith(method + "["))
                .toList();
        if (runs.isEmpty()) {
            return new Verdict(Status.NOT_RUN, 0, 0, "");
        }
        int passed = (int) runs.stream().filter(r -> r.status() == Status.PASSED).count();
        Optional<Run> failed = runs.stream().filter(r -> r.status() == Status.FAILED).findFirst();
        if (failed.isPresent()) {
            return new Verdict(Status.FAILED, passed, runs.size(), failed.get().message());
        }
        if (passed == 0) {
            return new Verdict(Status.SKIPPED, 0, runs.size(), runs.getFirst().message());
        }
        return new Verdict(Status.PASSED, passed, runs.size(), "");
    }
}
