package org.fieldcast.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A hostile page of another origin that tries, in the browser it is opened in, every way to steer a
 * camera of Fieldcast, raise an alarm, read the API or the video and open the PTZ socket, with the
 * browser's cookies wherever the browser would send them. It notes what happened in {@code window.results}:
 * {@code noCors} and {@code alarm} (sent or failed: the answer is opaque either way, the camera's trace
 * tells), {@code read} and {@code hls} (the text, or "blocked"), {@code ws} ("open" or "refused") and
 * {@code img} ("read" when the snapshot came into a canvas readably, "tainted" when it came but could
 * not be read, "blocked" when it did not come).
 */
public final class AttackPage {
    /** The keys a finished page has noted. */
    public static final Set<String> RESULTS = Set.of("noCors", "alarm", "read", "hls", "ws", "img");

    private AttackPage() {
    }

    /**
     * @param base   Fieldcast's address with a trailing slash, e.g. {@code https://127.0.0.1:8443/}
     * @param camera a PTZ camera's id
     */
    public static String html(String base, String camera) {
        String wsBase = base.replaceFirst("^https", "wss");
        return """
                <!DOCTYPE html><html><body>
                <form id="f" method="POST" action="%1$sapi/cameras/%3$s/ptz/move?pan=1" target="sink"></form>
                <iframe name="sink"></iframe>
                <script>
                  window.results = {};
                  const note = (k) => (v) => { window.results[k] = v; };
                  fetch('%1$sapi/cameras/%3$s/ptz/move?pan=-1', { method: 'POST', mode: 'no-cors', credentials: 'include' })
                    .then(() => note('noCors')('sent'), () => note('noCors')('failed'));
                  fetch('%1$sapi/cameras/%3$s/alarms/1/set', { method: 'POST', mode: 'no-cors', credentials: 'include',
                    headers: { 'Content-Type': 'text/plain' }, body: 'x' })
                    .then(() => note('alarm')('sent'), () => note('alarm')('failed'));
                  fetch('%1$sapi/cameras', { credentials: 'include' }).then((r) => r.text()).then(note('read'), () => note('read')('blocked'));
                  fetch('%1$shls/%3$s/index.m3u8', { credentials: 'include' }).then((r) => r.text()).then(note('hls'), () => note('hls')('blocked'));
                  const ws = new WebSocket('%2$sws/cameras/%3$s/ptz');
                  ws.onopen = () => { note('ws')('open'); ws.send('{"pan":1,"tilt":0,"zoom":0}'); };
                  ws.onerror = () => note('ws')('refused');
                  const img = new Image();
                  img.onload = () => {
                    const canvas = document.createElement('canvas');
                    canvas.width = img.naturalWidth;
                    canvas.height = img.naturalHeight;
                    canvas.getContext('2d').drawImage(img, 0, 0);
                    try { canvas.toDataURL(); note('img')('read'); } catch (e) { note('img')('tainted'); }
                  };
                  img.onerror = () => note('img')('blocked');
                  img.src = '%1$smjpeg/%3$s/snapshot.jpg';
                  document.getElementById('f').submit();
                </script></body></html>
                """.formatted(base, wsBase, camera);
    }

    /** What the page noted, once it noted every result or the time is up. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> awaitResults(Chromium chromium, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        Map<String, String> results = Map.of();
        while (System.nanoTime() < end) {
            Object r = chromium.js("return Object.fromEntries(Object.entries(window.results || {}).map(([k, v]) => [k, String(v)]))");
            results = r instanceof Map<?, ?> m ? new TreeMap<>((Map<String, String>) m) : Map.of();
            if (results.keySet().containsAll(RESULTS)) {
                return results;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the attack page did not finish within " + limit + ": " + results);
    }
}
