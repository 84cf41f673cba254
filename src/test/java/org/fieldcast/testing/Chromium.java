package org.fieldcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through Debian's chromedriver, for browser tests.
 *
 * <p>Both executables are named explicitly, which keeps Selenium Manager from running: it would try to
 * download a browser and a driver, and this project's machines reach no such site. Override the paths with
 * the system properties {@code fieldcast.chromium} and {@code fieldcast.chromedriver}.
 *
 * <p>Each instance has its own throw-away profile; {@link #close()} quits the browser, kills whatever of
 * its process tree is left and deletes the profile.
 */
public final class Chromium implements AutoCloseable {

    private static final String PREREQUISITES =
            "run src/test/sh/prerequisites.sh, which installs Debian's chromium and chromium-driver";

    private static final List<String> ARGUMENTS = List.of(
            "--headless",
            "--no-sandbox", // the tests may run as root, where Chromium's sandbox refuses to start
            "--disable-gpu",
            "--disable-dev-shm-usage", // containers often have a tiny /dev/shm
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking", // no update, safe-browsing or metrics traffic
            "--disable-component-update",
            "--disable-sync",
            // Nothing resolves but localhost: a page that tries to reach the internet fails fast and visibly.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            "--autoplay-policy=no-user-gesture-required",
            "--mute-audio",
            "--window-size=1280,900");

    /**
     * The test servers' certificate (see {@code FieldcastServer}) is accepted by its key alone, as a
     * browser accepts a pinned certificate: every other certificate is still checked.
     */
    private static java.util.Optional<String> testCertificateKey() {
        String keystore = System.getProperty("fieldcast.test-tls.keystore");
        if (keystore == null) {
            return java.util.Optional.empty();
        }
        try (var in = Files.newInputStream(Path.of(keystore))) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(in, "fieldcast-tests".toCharArray());
            byte[] spki = ks.getCertificate("fieldcast").getPublicKey().getEncoded();
            return java.util.Optional.of(java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(spki)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the tests' certificate " + keystore, e);
        }
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a fresh headless browser. */
    public static Chromium start() {
        return start(List.of());
    }

    /**
     * Starts a fresh headless browser with further command-line switches, e.g. {@code --disable-http2}
     * for a benchmark that compares HTTP/1.1 with HTTP/2 on the same server.
     */
    public static Chromium start(List<String> extraArguments) {
        Path chromium = executable("fieldcast.chromium", "/usr/bin/chromium");
        Path chromedriver = executable("fieldcast.chromedriver", "/usr/bin/chromedriver");
        Path profile = createProfile();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile);
        options.addArguments(extraArguments);
        testCertificateKey().ifPresent(spki -> options.addArguments("--ignore-certificate-errors-spki-list=" + spki));
        try {
            return new Chromium(service, new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            service.stop();
            StaticSite.deleteTree(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page, as {@link JavascriptExecutor#executeScript}: use {@code return} to get a value. */
    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Saves what the browser window shows as a PNG, creating the folder if needed. */
    public void screenshot(Path png) {
        try {
            Path folder = png.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // Taken before quitting, while chromedriver is still the parent of the whole browser tree.
        List<ProcessHandle> tree = processTree();
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // The browser may have crashed; the tree is cleaned up below either way.
        } finally {
            service.stop();
            tree.forEach(ProcessHandle::destroy);
            tree.forEach(Chromium::awaitOrKill);
            StaticSite.deleteTree(profile);
        }
    }

    private List<ProcessHandle> processTree() {
        String portArgument = "--port=" + service.getUrl().getPort();
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(portArgument)).orElse(false))
                .flatMap(driverProcess -> Stream.concat(Stream.of(driverProcess), driverProcess.descendants()))
                .toList();
    }

    private static void awaitOrKill(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
            process.destroyForcibly();
        }
    }

    private static Path executable(String property, String debianPath) {
        Path path = Path.of(System.getProperty(property, debianPath));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("No executable " + path + " for browser tests: " + PREREQUISITES
                    + " (or set -D" + property + "=...)");
        }
        return path;
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("fieldcast-chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
