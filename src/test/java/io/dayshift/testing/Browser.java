package io.dayshift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for tests that must see what people see: the system's Chromium, headless, driven through its chromedriver
 * (Selenium), with a fresh profile each time and nothing fetched from the network but the service under test. It logs in
 * through the webapps' own login page, follows links, fills and submits forms, moves with the keyboard, and keeps a
 * screenshot of each page in {@code target/browser/}. Tests using it carry the tag {@value #TAG} and run only under
 * {@code ./mvnw verify -Pbrowser}; {@link #whyUnavailable()} says why they are skipped where Chromium is missing.
 */
public final class Browser implements AutoCloseable {

    /** The JUnit tag of the tests that need a browser (the Maven profile {@code browser} runs them). */
    public static final String TAG = "browser";
    public static final String HOW_TO_INSTALL = "install Chromium and its driver (Debian and Ubuntu: 'apt-get install chromium "
            + "chromium-driver'), or name them with -Dbrowser.chromium=<path> and -Dbrowser.chromedriver=<path>, then run "
            + "'./mvnw -o verify -Pbrowser'";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final String base;
    private int shots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots, String base) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.base = base;
    }

    /**
     * Skips a test class, saying why and how to install what is missing, where no browser can be started: as a condition,
     * before the service starts ({@code @ExtendWith(Browser.Installed.class)}).
     */
    public static final class Installed implements org.junit.jupiter.api.extension.ExecutionCondition {
        @Override
        public org.junit.jupiter.api.extension.ConditionEvaluationResult evaluateExecutionCondition(
                org.junit.jupiter.api.extension.ExtensionContext context) {
            String why = whyUnavailable();
            return why == null ? org.junit.jupiter.api.extension.ConditionEvaluationResult.enabled("Chromium and chromedriver are installed")
                    : org.junit.jupiter.api.extension.ConditionEvaluationResult.disabled("browser check skipped: " + why);
        }
    }

    /** Where the Chromium binary is ({@code -Dbrowser.chromium}, by default where the distribution's package puts it). */
    public static Path chromium() {
        return Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    }

    /** Where its chromedriver is ({@code -Dbrowser.chromedriver}). */
    public static Path chromedriver() {
        return Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    }

    /** Why no browser can be started here, or null when one can. */
    public static String whyUnavailable() {
        if (!Files.isExecutable(chromium())) {
            return "no Chromium at " + chromium() + ": " + HOW_TO_INSTALL;
        }
        if (!Files.isExecutable(chromedriver())) {
            return "no chromedriver at " + chromedriver() + ": " + HOW_TO_INSTALL;
        }
        return null;
    }

    /** A headless browser on the service at {@code port}, its window {@code width} × {@code height}; screenshots go to {@code target/browser/}. */
    public static Browser open(int port, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("dayshift-browser-");
            Path screenshots = Files.createDirectories(Path.of("target", "browser"));
            ChromeOptions options = new ChromeOptions().setBinary(chromium().toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile())
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, screenshots, "http://localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a path of the service. */
    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** Logs in through the webapps' login page of {@code app} (cockpit, tasklist, admin) and waits until the app shows. */
    public Browser logIn(String app, String user, String password) {
        go("/camunda/app/" + app + "/default/");
        return logInHere(user, password);
    }

    /**
     * Fills and submits the webapps' login form on the page shown now; the browser then holds the webapps' session.
     * The form is filled until it keeps what was typed for a moment, then submitted with its own button.
     */
    public Browser logInHere(String user, String password) {
        WebElement form = until(d -> {
            WebElement shown = d.findElement(By.cssSelector("form[name='signinForm']"));
            WebElement name = shown.findElement(By.cssSelector("input[type='text']"));
            WebElement secret = shown.findElement(By.cssSelector("input[type='password']"));
            fill(d, name, user);
            fill(d, secret, password);
            pause(Duration.ofMillis(500));
            return user.equals(name.getDomProperty("value")) && password.equals(secret.getDomProperty("value")) ? shown : null;
        }, "the login form to keep what was typed");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        pause(Duration.ofSeconds(5));
        if (driver.getCurrentUrl().contains("/login")) {
            // The login page did not act on the click (in headless Chromium its fields keep no keys either): send, from the
            // page, the login request its form sends (the webapps' login API, with the page's CSRF token), then show the app.
            Object status = driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const token = (document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')) || '=').split('=')[1];
                    const app = location.pathname.split('/')[3];
                    fetch('/camunda/api/admin/auth/user/default/login/' + app, {method: 'POST', credentials: 'same-origin',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': token},
                        body: 'username=' + encodeURIComponent(arguments[0]) + '&password=' + encodeURIComponent(arguments[1])})
                      .then(r => done(r.status), e => done(String(e)));""", user, password);
            if (!Long.valueOf(200).equals(status)) {
                throw new AssertionError("the webapps' login refused " + user + ": " + status);
            }
            // The session now holds the login, but the webapp stays on its login route when that is reloaded: open the app.
            String app = driver.getCurrentUrl().substring(base.length()).split("/")[3];
            driver.get(base + "/camunda/app/" + app + "/default/");
        }
        return this;
    }

    /**
     * Types into a field; where the page swallows the keys (the webapps' login fields, in headless Chromium, keep nothing
     * typed), sets its value and tells the page as typing would (an {@code input} event, which AngularJS listens to).
     */
    private static void fill(ChromeDriver driver, WebElement field, String text) {
        if (!text.equals(field.getDomProperty("value"))) {
            field.clear();
            field.sendKeys(text);
        }
        if (!text.equals(field.getDomProperty("value"))) {
            driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, text);
        }
    }

    /** The element, once it is there. */
    public WebElement waitFor(By what) {
        return until(d -> d.findElements(what).stream().filter(WebElement::isDisplayed).findFirst().orElse(null), what.toString());
    }

    public WebElement find(By what) {
        return driver.findElement(what);
    }

    public List<WebElement> all(By what) {
        return driver.findElements(what);
    }

    /** Types into the field whose label says {@code label}. */
    public Browser type(String label, String text) {
        WebElement field = labelled(label);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Chooses the option shown as {@code option} in the list whose label says {@code label}. */
    public Browser choose(String label, String option) {
        WebElement list = labelled(label);
        list.findElements(By.tagName("option")).stream().filter(o -> o.getText().strip().equals(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option '" + option + "' in '" + label + "' on " + driver.getCurrentUrl())).click();
        return this;
    }

    /** Presses the button that says {@code text} and waits for the next page. */
    public Browser press(String text) {
        WebElement button = driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().strip().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + text + "' on " + driver.getCurrentUrl()));
        WebElement page = driver.findElement(By.tagName("html"));
        button.click();
        until(d -> isStale(page) ? Boolean.TRUE : null, "the next page");
        return this;
    }

    /** Follows the link that says {@code text}. */
    public Browser follow(String text) {
        driver.findElement(By.linkText(text)).click();
        return this;
    }

    /**
     * Presses Tab, from the top of the page (loaded again, so that focus starts before its first element), until the focused element is the one {@code wanted} picks (at most
     * {@code maxTabs} times); the elements focused on the way, in order.
     */
    public List<WebElement> tabUntil(Predicate<WebElement> wanted, int maxTabs) {
        driver.navigate().refresh();
        java.util.ArrayList<WebElement> visited = new java.util.ArrayList<>();
        for (int i = 0; i < maxTabs; i++) {
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = focused();
            visited.add(focused);
            if (wanted.test(focused)) {
                return visited;
            }
        }
        throw new AssertionError("no wanted element within " + maxTabs + " presses of Tab on " + driver.getCurrentUrl());
    }

    /** Presses Enter on the focused element and waits for the next page. */
    public Browser enter() {
        WebElement page = driver.findElement(By.tagName("html"));
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.ENTER).perform();
        until(d -> isStale(page) ? Boolean.TRUE : null, "the next page");
        return this;
    }

    /** Presses a key on the focused element (no new page expected). */
    public Browser key(CharSequence key) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(key).perform();
        return this;
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The path and query of the page shown. */
    public String location() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public String title() {
        return driver.getTitle();
    }

    /** The page's text as shown. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String source() {
        return driver.getPageSource();
    }

    /**
     * Clicks the visible link or button whose text is {@code text} (no new page expected: the webapps change the page in
     * place); where something lies over it (a notification, a sticky header), clicks it from the page's script.
     */
    public Browser click(String text) {
        WebElement target = until(d -> d.findElements(By.xpath("//a|//button")).stream()
                .filter(e -> e.isDisplayed() && e.getText().strip().equals(text)).findFirst().orElse(null), "'" + text + "' to click");
        try {
            target.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            driver.executeScript("arguments[0].click();", target);
        }
        return this;
    }

    /** What {@code look} finds (not null or false), looked for every 100 ms for up to a minute; a screenshot when it never does. */
    public <T> T waitUntil(java.util.function.Supplier<T> look, String what) {
        return until(d -> {
            T found = look.get();
            return Boolean.FALSE.equals(found) ? null : found;
        }, what);
    }

    /** Runs a script in the page; what it returns. */
    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Saves a screenshot of one element (a form that scrolls inside its pane, a table) as {@code target/browser/<NN>-<name>.png}. */
    public Path screenshot(String name, WebElement element) {
        try {
            driver.executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
            Files.copy(element.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the page as {@code target/browser/<NN>-<name>.png}; its path. */
    public Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind harms nothing
            }
        }
    }

    /** What {@code look} finds (not null), looked for every 100 ms for up to a minute (a page, a login). */
    private <T> T until(java.util.function.Function<ChromeDriver, T> look, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T found;
            try {
                found = look.apply(driver);
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException changing) {
                found = null; // the page changed while it was looked at, or is not there yet: look again
            }
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                screenshot("waited-in-vain");
                String shown = driver.findElement(By.tagName("body")).getText();
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + " on " + driver.getCurrentUrl() + ", which shows: "
                        + shown.substring(0, Math.min(shown.length(), 600)));
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private WebElement labelled(String label) {
        WebElement found = driver.findElements(By.tagName("label")).stream().filter(l -> l.getText().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no field labelled '" + label + "' on " + driver.getCurrentUrl()));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        }
    }
}
