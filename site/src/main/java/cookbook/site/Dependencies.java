package cookbook.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;

/**
 * What a copied recipe file needs besides JDK 25, computed from its imports: Guava, the SLF4J
 * API, and an SLF4J backend (Logback) to see its log lines, and Hazelcast (the distributed
 * chapter's recipes), with the Maven coordinates at the versions the root pom pins.
 */
final class Dependencies {
    /** A Maven artifact, its scope ("compile" or "runtime") and why a reader needs it. */
    record Artifact(String groupId, String artifactId, String version, String scope, String why) {
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version;
        }
    }

    /** The libraries the file needs, and any import that belongs to none the site knows. */
    record Needs(List<Artifact> artifacts, List<String> unknownImports, List<String> libraries) {
        boolean jdkOnly() {
            return artifacts.isEmpty();
        }
    }

    private static final List<String> JDK_PREFIXES = List.of("java.", "javax.", "jdk.", "com.sun.", "org.w3c.",
            "org.xml.", "org.ietf.");

    private Dependencies() {
    }

    static Needs of(CompilationUnit unit, Project project) {
        String ownPackage = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        var libraries = new HashSet<String>();
        var unknown = new TreeSet<String>();
        for (ImportDeclaration imported : unit.getImports()) {
            String name = imported.getNameAsString();
            if (JDK_PREFIXES.stream().anyMatch(name::startsWith) || name.startsWith(ownPackage)) {
                continue;
            }
            if (name.startsWith("com.google.common.")) {
                libraries.add("Guava");
            } else if (name.startsWith("org.slf4j.")) {
                libraries.add("SLF4J");
            } else if (name.startsWith("com.hazelcast.")) {
                libraries.add("Hazelcast");
            } else {
                unknown.add(name);
            }
        }
        var artifacts = new ArrayList<Artifact>();
        if (libraries.contains("Guava")) {
            artifacts.add(new Artifact("com.google.guava", "guava", project.property("guava.version"), "compile",
                    "the Guava classes it imports"));
        }
        if (libraries.contains("SLF4J")) {
            artifacts.add(new Artifact("org.slf4j", "slf4j-api", project.property("slf4j.version"), "compile",
                    "the logging API the recipe calls"));
            artifacts.add(new Artifact("ch.qos.logback", "logback-classic", project.property("logback.version"),
                    "runtime", "a backend to see its log lines: without one, SLF4J discards them"));
        }
        if (libraries.contains("Hazelcast")) {
            artifacts.add(new Artifact("com.hazelcast", "hazelcast", project.property("hazelcast.version"), "compile",
                    "the embedded cluster member the recipe starts (one jar, no runtime dependencies)"));
        }
        // Always Guava, SLF4J, Hazelcast in that order, whatever the order of the imports.
        return new Needs(List.copyOf(artifacts), List.copyOf(unknown),
                Stream.of("Guava", "SLF4J", "Hazelcast").filter(libraries::contains).toList());
    }

    /** The {@code <dependency>} elements to paste into a pom. */
    static String maven(List<Artifact> artifacts) {
        var xml = new StringBuilder();
        for (Artifact a : artifacts) {
            xml.append("<dependency>\n")
                    .append("  <groupId>").append(a.groupId()).append("</groupId>\n")
                    .append("  <artifactId>").append(a.artifactId()).append("</artifactId>\n")
                    .append("  <version>").append(a.version()).append("</version>\n");
            if (!a.scope().equals("compile")) {
                xml.append("  <scope>").append(a.scope()).append("</scope>\n");
            }
            xml.append("</dependency>\n");
        }
        return xml.toString();
    }

    /** The same for Gradle's Kotlin DSL. */
    static String gradle(List<Artifact> artifacts) {
        var lines = new StringBuilder();
        for (Artifact a : artifacts) {
            lines.append(a.scope().equals("runtime") ? "runtimeOnly" : "implementation")
                    .append("(\"").append(a.coordinates()).append("\")\n");
        }
        return lines.toString();
    }
}
