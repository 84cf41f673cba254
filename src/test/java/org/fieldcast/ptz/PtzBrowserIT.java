package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;

/**
 * The PTZ pad in a real Chromium on the demo site: holding it turns the simulated dome, and the
 * picture that arrives over LL-HLS shows it; releasing stops the dome and the picture stands still.
 */
class PtzBrowserIT {
    private static final String CAMERA = "demo-ptz-1";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("fieldcast.build-dir", "target"), "screenshots");
    /** Gray levels of a 48 x 12 grid over the picture between the ruler (top) and the clock and readout (bottom). */
    private static final String SAMPLE = """
            const v = document.querySelector('[data-embed] video');
            const c = document.createElement('canvas');
            c.width = 48; c.height = 12;
            const g = c.getContext('2d');
            g.drawImage(v, 0, v.videoHeight * 0.15, v.videoWidth, v.videoHeight * 0.45, 0, 0, 48, 12);
            const d = g.getImageData(0, 0, 48, 12).data;
            const out = [];
            for (let i = 0; i < d.length; i += 4) out.push(Math.round((d[i] + d[i + 1] + d[i + 2]) / 3));
            return out;
            """;

    private static Chromium chromium;
    private static URI base;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        base = FieldcastServer.demo().baseUri();
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void holdingThePadMovesThePictureAndReleasingStopsIt() throws Exception {
        chromium.driver().get(base.resolve("embed.html?camera=" + CAMERA).toString());
        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(60));
        wait.until(d -> Boolean.TRUE.equals(chromium.js(
                "const v = document.querySelector('[data-embed] video'); return v.readyState >= 2 && v.currentTime > 1")));
        WebElement pad = wait.until(d -> d.findElement(By.cssSelector("[data-embed] [data-ptz-pad]")));
        List<Long> before = sample();
        double panBefore = pan();

        new Actions(chromium.driver()).moveToElement(pad, pad.getSize().getWidth() / 3, 0).clickAndHold().perform();
        Thread.sleep(1500);
        double panWhileHeld = pan();
        chromium.screenshot(SCREENSHOTS.resolve("ptz-embed-held.png"));
        new Actions(chromium.driver()).release().perform();

        assertTrue(Math.abs(panWhileHeld - panBefore) > 20, "the dome turned while held: " + panBefore + " -> " + panWhileHeld);
        Thread.sleep(500);
        double released = pan();
        Thread.sleep(1000);
        assertEquals(released, pan(), 0.05, "the dome stopped when the pad was released");

        // LL-HLS is about a second behind: wait for the stopped picture to arrive, then compare.
        Thread.sleep(3000);
        List<Long> after = sample();
        Thread.sleep(1500);
        List<Long> later = sample();
        chromium.screenshot(SCREENSHOTS.resolve("ptz-embed-released.png"));
        assertTrue(difference(before, after) > 12, "the picture shows the move: difference " + difference(before, after));
        assertTrue(difference(after, later) < 4, "and stands still after the release: difference " + difference(after, later));
        assertFalse(Boolean.TRUE.equals(chromium.js("return document.querySelector('[data-ptz-panel]').dataset.ptzState === 'error'")),
                "no error shown");
    }

    @Test
    void onlyPtzTilesGetThePad() {
        chromium.driver().get(base.resolve("index.html").toString());
        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(By.cssSelector("[data-camera-id='" + CAMERA + "'] [data-ptz-pad]")).isEmpty());

        assertTrue(chromium.driver().findElements(By.cssSelector("[data-camera-id='demo-fixed-1'] [data-ptz-pad]")).isEmpty());
        assertEquals(4, chromium.driver().findElements(By.cssSelector("[data-camera-id='" + CAMERA + "'] [data-ptz-preset]")).size());
        wait.until(d -> d.findElement(By.cssSelector("[data-camera-id='" + CAMERA + "'] [data-ptz-alarm]")).getAttribute("data-active") != null);
        chromium.screenshot(SCREENSHOTS.resolve("ptz-dashboard.png"));
    }

    @Test
    void theAlarmButtonRaisesAndShowsTheAlarm() throws Exception {
        chromium.driver().get(base.resolve("embed.html?camera=" + CAMERA).toString());
        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(60));
        WebElement alarm = wait.until(d -> d.findElement(By.cssSelector("[data-embed] [data-ptz-alarm][data-active='false']")));

        alarm.click();
        wait.until(d -> "true".equals(alarm.getAttribute("data-active")));
        assertTrue(get("api/cameras/" + CAMERA + "/alarms/1").contains("\"active\":true"));
        alarm.click();
        wait.until(d -> "false".equals(alarm.getAttribute("data-active")));
        assertTrue(get("api/cameras/" + CAMERA + "/alarms/1").contains("\"active\":false"));
    }

    @Test
    void storingAPresetAsksFirstAndRecallReturnsToIt() throws Exception {
        chromium.driver().get(base.resolve("embed.html?camera=" + CAMERA).toString());
        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(60));
        WebElement confirm = wait.until(d -> d.findElement(By.cssSelector("[data-embed] [data-ptz-confirm]")));
        double stored = pan();

        chromium.driver().findElement(By.cssSelector("[data-embed] [data-ptz-store]")).click();
        chromium.driver().findElement(By.cssSelector("[data-embed] [data-ptz-preset='2']")).click();
        wait.until(d -> confirm.isDisplayed());
        assertTrue(confirm.getText().contains("preset 2"), confirm.getText());
        chromium.driver().findElement(By.cssSelector("[data-embed] [data-ptz-confirm-yes]")).click();
        wait.until(d -> !confirm.isDisplayed());
        Thread.sleep(1000); // the store is queued before the move below

        post("api/cameras/" + CAMERA + "/ptz/move?pan=1");
        Thread.sleep(600);
        post("api/cameras/" + CAMERA + "/ptz/stop");
        assertTrue(Math.abs(pan() - stored) > 10, "moved away from the stored view");
        chromium.driver().findElement(By.cssSelector("[data-embed] [data-ptz-preset='2']")).click();

        wait.until(d -> {
            try {
                return Math.abs(pan() - stored) < 0.1;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static void post(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
    }

    private static List<Long> sample() {
        @SuppressWarnings("unchecked")
        List<Long> gray = (List<Long>) chromium.js(SAMPLE);
        return gray;
    }

    private static double difference(List<Long> a, List<Long> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(a.get(i) - b.get(i));
        }
        return sum / a.size();
    }

    private static double pan() throws Exception {
        String body = get("api/cameras/" + CAMERA + "/ptz/position");
        return Double.parseDouble(body.replaceAll(".*\"panDegrees\":([0-9.]+).*", "$1"));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
