package cookbook.site;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The site as a reader meets it, in headless Chromium (Debian's chromium and chromium-driver,
 * given by path so that Selenium Manager never runs and nothing is downloaded), served on
 * 127.0.0.1 by {@link SiteServer}. Opt-in: {@code ./mvnw -Pbrowser -pl site verify}; where
 * Chromium is missing the tests report themselves skipped and say why (with
 * {@code -Dbrowser.required=true}, as in CI, they fail instead). Screenshots go to
 * {@code site/target/screenshots/}.
 */
@Tag("browser")
@Timeout(180)
class SiteInBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Selenium looks for CDP bindings matching Chromium's version and warns when it has none;
     * this test sends its few DevTools commands raw and needs none. Held here so it stays quiet.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static Path profile;
    private static Path sample;
    private static SiteServer site;
    private static SiteServer sampleSite;
    private static ChromeDriver browser;

    /** Why the browser cannot run here, or null when it can. */
    private static String missing;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            missing = "it needs Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)";
            // Surefire counts skipped tests but keeps their reasons in its reports: say it on the console too.
            new PrintStream(new FileOutputStream(FileDescriptor.err), true).println(
                    "[WARNING] SiteInBrowserTest: browser test skipped: " + missing);
            return;
        }
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
        GeneratedSite.pages();
        // The real site has no idiom region yet in some recipes: the sample project always has one.
        sample = Files.createTempDirectory("cookbook-sample-");
        SiteGenerator.generate(SampleProject.writeTo(sample.resolve("project")), sample.resolve("site"), false);
        site = SiteServer.bind(GeneratedSite.DIR, 0, false).start();
        sampleSite = SiteServer.bind(sample.resolve("site"), 0, false).start();
        profile = Files.createTempDirectory("cookbook-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=1280,1600");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Each test says it was skipped, and why: a skipped class alone would go unreported. */
    @BeforeEach
    void needsTheBrowser() {
        // CI installs them and says so (-Dbrowser.required=true): there, missing is a failure, not a skip.
        assertTrue(missing == null || !Boolean.getBoolean("browser.required"), "browser test cannot run: " + missing);
        assumeTrue(missing == null, "browser test skipped: " + missing);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        for (SiteServer server : new SiteServer[] {site, sampleSite}) {
            if (server != null) {
                server.close();
            }
        }
        for (Path dir : new Path[] {profile, sample}) {
            if (dir != null) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("typing RLock in the index's filter leaves LCK-04 (and hides unrelated recipes); its link opens its page")
    void filterThenFollow() throws IOException {
        viewport(1280, 1600);
        browser.get(site.uri().toString());
        WebElement filter = browser.findElement(By.id("filter"));
        assertTrue(filter.isDisplayed(), "the script shows the filter box");
        filter.sendKeys("RLock");
        WebElement lck04 = browser.findElement(By.id("LCK-04"));
        new WebDriverWait(browser, WAIT).until(d -> !d.findElement(By.id("THR-01")).isDisplayed());
        assertTrue(lck04.isDisplayed());
        long shown = browser.findElements(By.cssSelector("li.recipe-entry")).stream().filter(WebElement::isDisplayed).count();
        assertTrue(shown >= 1 && shown < GeneratedSite.recipes().size(), shown + " shown");
        assertTrue(browser.findElement(By.id("filter-count")).getText().startsWith(shown + " of "));
        screenshot("index-filtered-rlock.png");
        lck04.findElement(By.cssSelector("a.recipe-link")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().endsWith("/locks/LCK-04.html"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("LCK-04"));
    }

    @Test
    @DisplayName("prose and code stand side by side at 1280 px, and stack at 400 px; moved comments are hidden until asked for")
    void sideBySideThenStacked() throws IOException {
        viewport(1280, 1600);
        browser.get(site.uri().resolve("locks/LCK-04.html").toString());
        List<WebElement> segments = browser.findElements(By.cssSelector(".segment:not(.header-segment)"));
        assertTrue(segments.size() > 3);
        for (WebElement segment : segments.subList(0, 4)) {
            Rectangle prose = segment.findElement(By.className("prose")).getRect();
            Rectangle code = segment.findElement(By.className("code")).getRect();
            assertTrue(prose.getX() + prose.getWidth() <= code.getX() + 1, "prose left of code: " + prose + " " + code);
            assertTrue(Math.abs(prose.getY() - code.getY()) <= 1, "same row: " + prose.getY() + " vs " + code.getY());
            assertTrue(prose.getWidth() > 300 && code.getWidth() > 500, prose.getWidth() + " / " + code.getWidth());
        }
        WebElement comment = browser.findElement(By.cssSelector(".segments .line.prose"));
        assertFalse(comment.isDisplayed(), "a comment shown as prose is hidden in the code column");
        screenshot("recipe-1280.png");
        browser.executeScript("document.getElementById('claims').scrollIntoView()");
        screenshot("recipe-1280-claims.png");
        browser.executeScript("window.scrollTo(0, 0)");
        browser.findElement(By.cssSelector("label[for=verbatim]")).click();
        assertTrue(comment.isDisplayed(), "the file exactly as written shows it");
        browser.findElement(By.cssSelector("label[for=verbatim]")).click();

        viewport(400, 1200);
        browser.navigate().refresh();
        for (WebElement segment : browser.findElements(By.cssSelector(".segment:not(.header-segment)")).subList(0, 4)) {
            Rectangle prose = segment.findElement(By.className("prose")).getRect();
            Rectangle code = segment.findElement(By.className("code")).getRect();
            assertTrue(code.getY() >= prose.getY() + prose.getHeight() - 1, "code below prose: " + prose + " " + code);
            assertTrue(code.getWidth() <= 400 && prose.getWidth() <= 400, "fits 400 px: " + prose + " " + code);
        }
        screenshot("recipe-400.png");
    }

    @Test
    @DisplayName("Copy file copies the source exactly; Copy idiom copies the idiom region, dedented, without markers")
    void copyButtons() throws IOException {
        viewport(1280, 1600);
        browser.get(site.uri().resolve("locks/LCK-04.html").toString());
        grantClipboard(site);
        String file = copied("file");
        assertEquals(Files.readString(GeneratedSite.source(new String[] {"LCK-04", "locks",
                "cookbook.locks.ReentrantVsNonReentrant"})), file);

        browser.get(sampleSite.uri().resolve("locks/LCK-01.html").toString());
        grantClipboard(sampleSite);
        assertEquals("""
                // Lock, then try.
                static int twice(int x) {
                    return Preconditions.checkNotNull(x) * 2; // trailing comment stays in code
                }
                """, copied("idiom"));
        assertTrue(browser.findElement(By.className("copy-status")).getText().startsWith("Copied 4 lines"));
        screenshot("sample-idiom-copied.png");
    }

    @Test
    @DisplayName("the dark scheme follows prefers-color-scheme; the toggle overrides it")
    void darkScheme() throws IOException {
        viewport(1280, 1600);
        browser.get(site.uri().resolve("locks/LCK-04.html").toString());
        String light = background();
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            String dark = background();
            assertNotEquals(light, dark, "the page turns dark with the system");
            screenshot("recipe-1280-dark.png");
            WebElement toggle = browser.findElement(By.className("theme-toggle"));
            assertEquals("Light theme", toggle.getText());
            toggle.click();
            assertEquals(light, background(), "the toggle picks light over the system's dark");
            assertEquals("Dark theme", toggle.getText());
            browser.navigate().refresh();
            assertEquals(light, background(), "the choice is remembered");
            browser.executeScript("localStorage.removeItem('cookbook-theme')");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private static void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    private static String background() {
        return (String) browser.executeScript("return getComputedStyle(document.body).backgroundColor");
    }

    /**
     * Clipboard access for this origin: headless Chromium asks no one, so the permissions are
     * granted through the DevTools protocol, and the test reads the clipboard back.
     */
    private static void grantClipboard(SiteServer server) {
        String origin = server.uri().toString().replaceAll("/$", "");
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** Presses Copy {@code what} and returns what the clipboard then holds. */
    private static String copied(String what) {
        WebElement button = browser.findElement(By.cssSelector("button[data-copy=" + what + "]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('data-copied')", button);
        button.click();
        new WebDriverWait(browser, WAIT).until(d -> button.getAttribute("data-copied") != null);
        assertEquals("yes", button.getAttribute("data-copied"), "the page says the copy worked");
        return (String) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard refused: ' + e));");
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
