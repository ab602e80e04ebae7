package org.avmam.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, driven through Debian's chromedriver (the same version), headless at 1366×768. Nothing is
 * downloaded: both paths are given, so Selenium Manager never runs. Without the packages the browser tests are
 * skipped, saying which to install; under CI=true a missing browser fails instead.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("avmam.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("avmam.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    public final ChromeDriver driver;
    final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    public static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "browser tests need Debian's chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true, so a missing browser fails the build)");
        }
        Assumptions.assumeTrue(present, message);
    }

    /** A fresh browser (its own profile: no cookies) whose preferred language is {@code language}. */
    public static Browser open(String base, String language) {
        requireChromium();
        try {
            Path profile = Files.createTempDirectory("avmam-chromium-");
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toFile());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                    "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--lang=" + language, "--user-data-dir=" + profile);
            o.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            o.setAcceptInsecureCerts(true); // the benchmark's HTTPS service has a certificate made for the run
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, o), base, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for a condition, failing with {@code what} when it does not come true in time. */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    WebElement awaitVisible(String css, Duration timeout) {
        return await("'" + css + "' to be shown", timeout, d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void signIn(String user, String password) {
        go("/");
        find("#j_username").sendKeys(user);
        find("#j_password").sendKeys(password);
        find("#signin-form button[type=submit]").click();
        awaitVisible("header nav", Duration.ofSeconds(20));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try {
            org.avmam.common.FileTrees.delete(profile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the browser profile " + profile, e);
        }
    }
}
