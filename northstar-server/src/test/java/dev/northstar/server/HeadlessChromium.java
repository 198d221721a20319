package dev.northstar.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver ({@code apt-get install chromium chromium-driver}),
 * never a downloaded browser, with a fresh profile. Without them a browser test fails when {@code CI=true} and is
 * skipped, loudly, elsewhere. Screenshots go to {@code target/console-<name>.png}.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target");

    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser, or skips (fails on CI) the calling test when Chromium or chromedriver is missing. */
    static HeadlessChromium start(String testName) throws IOException {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            String message = testName + " needs " + String.join(" and ", missing)
                    + ": install them with 'apt-get install -y chromium chromium-driver'";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory("northstar-chromium");
        // Pointing Selenium at the installed driver and browser keeps Selenium Manager from downloading either.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1440,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as {@code target/console-<name>.png}. */
    void screenshot(String name) {
        Path file = SCREENSHOTS.resolve("console-" + name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save " + file, e);
        }
    }

    /**
     * Opens {@code url} signed out, expects the console to send the person to its sign-in page, and signs in there
     * with {@code token}.
     */
    void signIn(String url, String token, WebDriverWait wait) {
        driver.get(url);
        wait.until(ExpectedConditions.urlContains(Authentication.LOGIN_PATH));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
    }

    /**
     * Clicks {@code button} and waits until the browser shows the page the click loads. The page shown before is
     * marked in its window object; the next one has no mark. (Asking whether an element of the old page went stale
     * is not enough: while Chromium swaps documents, chromedriver sometimes answers with an inspector error instead.)
     */
    void clickAndAwaitNextPage(By button) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript("window.northstarPreviousPage = true;");
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(browser -> Boolean.TRUE.equals(script.executeScript(
                "return window.northstarPreviousPage === undefined && document.readyState === 'complete';")));
    }

    /** Runs a walk-through; when it fails, keeps what the browser showed as {@code target/console-<name>.png}. */
    void walk(String name, Runnable walkThrough) {
        try {
            walkThrough.run();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            TestFiles.deleteTree(profile);
        }
    }
}
