package org.fieldcast.camera;

import java.nio.charset.StandardCharsets;

/** What a camera's web interface answered to one request, after any authentication round trip. */
public record CameraAnswer(int status, byte[] body) {

    /** The body as text: RCP+ replies are ASCII XML, so UTF-8 reads them whatever the header says. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
