package cookbook.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small project with every case the site must handle, whatever the real recipes hold today:
 * an idiom region and a recipe without one, a README link that leads nowhere, verdicts passed,
 * failed, skipped and not run, a recorded sample output, a note across chapters.
 */
final class SampleProject {
    private final Path root;

    private SampleProject(Path root) {
        this.root = root;
    }

    static Path writeTo(Path root) throws IOException {
        new SampleProject(root).writeAll();
        return root;
    }

    private void writeAll() throws IOException {
        write("pom.xml", """
                <project><modules><module>locks</module><module>site</module></modules>
                <properties><guava.version>33.5.0-jre</guava.version><slf4j.version>2.0.17</slf4j.version>
                <logback.version>1.5.18</logback.version></properties></project>
                """);
        write("README.md", """
                # Cookbook

                Intro with [the notes](notes/one.md).

                ## Python to Java, the big mappings

                | Python | Java |
                |---|---|
                | `threading.RLock` | `ReentrantLock` |
                """);
        write("notes/one.md", "# One note\n\nSee LCK-02 and [locks](../locks/README.md#lck-01-alpha).\n");
        write("locks/src/main/resources/META-INF/cookbook/recipes.tsv",
                "# comment\nLCK-02\tBeta\tlocks\tcookbook.locks.Beta\nLCK-01\tAlpha\tlocks\tcookbook.locks.Alpha\n");
        write("locks/README.md", """
                # locks: a chapter

                Intro, see [LCK-02](#lck-02-beta).

                | ID | Recipe | Python original | Java idiom | Proving test |
                |---|---|---|---|---|
                | LCK-01 | [Alpha](src/main/java/cookbook/locks/Alpha.java) | `RLock` twice | `getHoldCount()` | [T](src/test/java/cookbook/locks/AlphaTest.java) |
                | LCK-02 | [Beta](src/main/java/cookbook/locks/Beta.java) | `Lock` | `Semaphore(1)` | [T](src/test/java/cookbook/locks/AlphaTest.java) |

                ---

                ## LCK-01: Alpha

                **Python original** (seed 1). Takes an RLock twice.

                **Java.** [Alpha](src/main/java/cookbook/locks/Alpha.java), unlike LCK-02.

                **Where Java differs.**
                - reentrant

                **Claim and proof.** [AlphaTest](src/test/java/cookbook/locks/AlphaTest.java)

                **Run it:** `./cookbook run LCK-01`

                ## LCK-02: Beta

                **Python original** (seed 2). See [gone](src/main/java/cookbook/locks/Gone.java).
                """);
        write("locks/src/main/java/cookbook/locks/Alpha.java", """
                package cookbook.locks;

                import com.google.common.base.Preconditions;

                /**
                 * LCK-01. Python original: an RLock taken twice.
                 *
                 * <p>Like {@code try (var g = guard()) { ... }} but plainer.
                 */
                public final class Alpha {
                    // tag::idiom[]
                    // Lock, then try.
                    static int twice(int x) {
                        return Preconditions.checkNotNull(x) * 2; // trailing comment stays in code
                    }
                    // end::idiom[]

                    public static void main(String[] args) {
                        System.out.println(twice(2));
                    }
                }
                """);
        write("locks/src/main/java/cookbook/locks/Beta.java", """
                package cookbook.locks;

                /** LCK-02. Python original: a Lock. */
                public final class Beta {
                    public static void main(String[] args) {
                    }
                }
                """);
        write("locks/src/test/java/cookbook/locks/AlphaTest.java", """
                package cookbook.locks;

                class AlphaTest {
                    @Test
                    @DisplayName("LCK-01: twice doubles")
                    void doubles() {
                    }

                    @RepeatedTest(2)
                    @DisplayName("LCK-01: twice " + "fails")
                    void fails() {
                    }

                    @Test
                    @DisplayName("LCK-01: skipped here")
                    void skipped() {
                    }

                    @Test
                    @Tag("multicore")
                    @DisplayName("LCK-01: needs two cores")
                    void multicore() {
                    }
                }
                """);
        write("locks/target/surefire-reports/TEST-cookbook.locks.AlphaTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="cookbook.locks.AlphaTest" tests="4">
                  <testcase name="doubles" classname="cookbook.locks.AlphaTest" time="0.01"/>
                  <testcase name="fails()[1]" classname="cookbook.locks.AlphaTest" time="0.01"/>
                  <testcase name="fails()[2]" classname="cookbook.locks.AlphaTest" time="0.01">
                    <failure message="expected: 4 but was: 5" type="org.opentest4j.AssertionFailedError"/>
                  </testcase>
                  <testcase name="skipped" classname="cookbook.locks.AlphaTest" time="0">
                    <skipped message="one core only"/>
                  </testcase>
                </testsuite>
                """);
        write("locks/src/test/resources/sample-output/LCK-01.txt",
                "[main] 4\n{{unordered}}\n[t-{{n}}] took {{duration}}\n[u] done\n{{end}}\n");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
