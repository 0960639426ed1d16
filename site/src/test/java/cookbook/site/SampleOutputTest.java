package cookbook.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recording syntax and its matcher, on small in-memory examples (no recipe runs). */
class SampleOutputTest {

    private static void matches(String recording, String output) {
        SampleOutput.Verdict verdict = SampleOutput.parse(recording).check(output);
        assertTrue(verdict.matches(), verdict::mismatch);
    }

    private static String mismatch(String recording, String output) {
        SampleOutput.Verdict verdict = SampleOutput.parse(recording).check(output);
        assertFalse(verdict.matches(), "expected a mismatch of\n" + recording + "with\n" + output);
        return verdict.mismatch();
    }

    @Test
    @DisplayName("literal text matches itself; runs of spaces and trailing spaces are free; a changed word is not")
    void literalText() {
        matches("[main]   done in 3 ms\n", "[main] done in 3 ms  \n");
        matches("a\n\nb\n", "a\r\n\r\nb\r\n");
        assertEquals("output line 1: expected \"[main] done in 3 ms\" (recording line 1), got \"[main] done in 4 ms\"",
                mismatch("[main] done in 3 ms\n", "[main] done in 4 ms\n"));
        mismatch("[main] x+y\n", "[main] xxy\n");
    }

    @Test
    @DisplayName("named patterns and {{label:regex}} absorb what varies, and nothing more")
    void patterns() {
        String recording = "{{time}} [worker-{{n}}]  took {{ms}} ms ({{duration}}), pid {{pid}}, port {{port}}\n";
        matches(recording, "03:01:44.392 [worker-12]  took 16 ms (1.2 s), pid 4242, port 8000\n");
        matches(recording, "23:59:59.999 [worker-0]            took 0 ms (980 ms), pid 1, port 65535\n");
        mismatch(recording, "03:01:44 [worker-12]  took 16 ms (1.2 s), pid 4242, port 8000\n");
        mismatch(recording, "03:01:44.392 [worker-x]  took 16 ms (1.2 s), pid 4242, port 8000\n");
        matches("{{who:mengmeng|xiaoxiao}} ate #{{n:\\d{1}}}\n", "xiaoxiao ate #7\n");
        mismatch("{{who:mengmeng|xiaoxiao}} ate #{{n:\\d{1}}}\n", "xiaoxiao ate #17\n");
        matches("a {{brace:\\{\\{}} b\n", "a {{ b\n");
    }

    @Test
    @DisplayName("an unordered block takes its lines in any order, each once, and says what it misses")
    void unorderedBlocks() {
        String recording = """
                start
                {{unordered}}
                [a] one
                [b] two
                [c] {{n}}
                {{end}}
                end
                """;
        matches(recording, "start\n[c] 3\n[a] one\n[b] two\nend\n");
        matches(recording, "start\n[a] one\n[b] two\n[c] 3\nend\n");
        assertEquals("output line 4: expected a line of the unordered block (recording lines 2-6), got \"[a] three\"",
                mismatch(recording, "start\n[c] 3\n[b] two\n[a] three\nend\n"));
        assertEquals("output line 2: the unordered block (recording lines 2-6) expects \"[b] two\" (recording line 4),"
                + " not found among the next 3 lines", mismatch(recording, "start\n[c] 3\n[a] one\n[a] one\nend\n"));
        assertEquals("output line 3: expected a line of the unordered block (recording lines 2-6), got \"end\"",
                mismatch(recording, "start\n[a] one\nend\n"));
        // The line after the block must still come after it.
        assertEquals("output line 2: expected a line of the unordered block (recording lines 2-6), got \"end\"",
                mismatch(recording, "start\nend\n[a] one\n[b] two\n[c] 3\n"));
    }

    @Test
    @DisplayName("a pattern line that could take either of two output lines is matched so that both are used")
    void unorderedNeedsAMatchingNotAGreedyPick() {
        String recording = "{{unordered}}\n[{{word}}] x\n[b] x\n{{end}}\n";
        matches(recording, "[b] x\n[a] x\n");
        mismatch(recording, "[a] x\n[a] x\n");
    }

    @Test
    @DisplayName("optional lines may be absent, repeated lines repeat, also inside an unordered block")
    void optionalAndRepeated() {
        String recording = "a\n{{optional}}maybe\n{{repeated}}tick {{n}}\n{{optional}}{{repeated}}tock\nz\n";
        matches(recording, "a\ntick 1\nz\n");
        matches(recording, "a\nmaybe\ntick 1\ntick 2\ntock\ntock\nz\n");
        assertEquals("output line 2: expected \"{{repeated}}tick {{n}}\" (recording line 3), got \"z\"",
                mismatch(recording, "a\nz\n"));
        String block = "{{unordered}}\n{{repeated}}[x] step {{n}}\n{{optional}}[y] late\n[z] done\n{{end}}\n";
        matches(block, "[x] step 1\n[z] done\n[x] step 2\n");
        matches(block, "[y] late\n[x] step 1\n[z] done\n");
        mismatch(block, "[y] late\n[z] done\n");
        mismatch(block, "[x] step 1\n[z] done\n[z] done\n");
    }

    @Test
    @DisplayName("the end of the output and extra lines are reported as such")
    void endOfOutput() {
        assertEquals("output line 2: expected \"b\" (recording line 2), got the end of the output",
                mismatch("a\nb\n", "a\n"));
        assertEquals("output line 3: expected the end of the output, got \"c\"", mismatch("a\nb\n", "a\nb\nc\n"));
        matches("", "");
    }

    @Test
    @DisplayName("a malformed recording is refused with its line number")
    void malformed() {
        assertThrows(IllegalArgumentException.class, () -> SampleOutput.parse("x {{nosuch}}\n"));
        assertThrows(IllegalArgumentException.class, () -> SampleOutput.parse("x {{bad:(}}\n"));
        assertThrows(IllegalArgumentException.class, () -> SampleOutput.parse("x {{time\n"));
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class,
                () -> SampleOutput.parse("a\n{{unordered}}\nb\n"));
        assertEquals("line 2: {{unordered}} never closed by {{end}}", unclosed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleOutput.parse("{{end}}\n"));
    }

    @Test
    @DisplayName("refresh keeps the patterns and blocks that still match and writes new lines literally")
    void refresh() {
        String recording = """
                {{time}} [main] took {{ms}} ms
                {{unordered}}
                [a] one
                [b] two
                {{end}}
                [main] old line
                [main] last
                """;
        String output = """
                10:00:00.001 [main] took 17 ms
                [b] two
                [a] one
                10:00:00.002 [main] new {{line}}
                [main] last
                """;
        assertEquals("""
                {{time}} [main] took {{ms}} ms
                {{unordered}}
                [a] one
                [b] two
                {{end}}
                {{time}} [main] new {{brace:\\{\\{}}line}}
                [main] last
                """, SampleOutput.parse(recording).refresh(output));
        String refreshed = SampleOutput.parse(recording).refresh(output);
        assertTrue(SampleOutput.parse(refreshed).check(output).matches());
        assertEquals("{{time}} [main] first\n", SampleOutput.parse("").refresh("12:34:56.789 [main] first\n"));
    }

    @Test
    @DisplayName("the site shows each pattern as a short placeholder and marks blocks and optional lines")
    void html() {
        String html = SampleOutput.html("{{time}} [main] <b> {{ms}} ms\n{{unordered}}\nx\n{{end}}\n{{optional}}y\n");
        assertEquals("<var title=\"varies: \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\">‹time›</var> [main] &lt;b&gt; "
                + "<var title=\"varies: \\d+\">‹ms›</var> ms\n"
                + "<span class=\"any-order\" title=\"these lines come in any order\">x\n</span>"
                + "<span class=\"optional\" title=\"may be absent\">y</span>\n", html);
    }
}
