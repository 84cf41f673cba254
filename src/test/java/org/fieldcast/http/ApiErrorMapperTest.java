package org.fieldcast.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.UnknownCameraException;

class ApiErrorMapperTest {

    private static String message(Throwable e) {
        return ApiErrorMapper.messageOf(e, ApiErrorMapper.statusOf(e));
    }

    @Test
    void badInputCarriesItsOwnStatus() {
        assertEquals(413, ApiErrorMapper.statusOf(new BadInputException(413, "the request body is larger than 65536 bytes")));
        assertEquals(415, ApiErrorMapper.statusOf(new CompletionException(new BadInputException(415, "x"))));
        assertEquals("the request body is larger than 65536 bytes",
                message(new BadInputException(413, "the request body is larger than 65536 bytes")));
    }

    @Test
    void featureExceptionsKeepTheirWordsThroughAsynchronousWrapping() {
        UnknownCameraException unknown = new UnknownCameraException("x");
        assertEquals(404, ApiErrorMapper.statusOf(new CompletionException(new ExecutionException(unknown))));
        assertEquals(unknown.getMessage(), message(new CompletionException(unknown)));
    }

    @Test
    void unexpectedErrorsSayNothingAboutThemselves() {
        assertEquals(500, ApiErrorMapper.statusOf(new NullPointerException("Cannot invoke \"String.length()\"")));
        assertEquals("internal error; see the server log", message(new IllegalStateException("org.fieldcast.x.Y broke")));
        assertEquals(500, ApiErrorMapper.statusOf(new StackOverflowError()));
    }

    @Test
    void messagesWrittenForProgrammersAreNotPassedOn() {
        // The JDK's own wording of an IllegalArgumentException names our classes.
        assertEquals("bad request", message(new IllegalArgumentException("No enum constant org.fieldcast.station.CameraType.X")));
        assertEquals("bad request", message(new NumberFormatException("java.lang.NumberFormatException: For input string")));
        assertEquals("bad request", message(new IllegalArgumentException("at Foo$Bar.baz")));
        assertEquals("bad request", message(new IllegalArgumentException("wrapped JsonParsingException")));
        assertEquals("bad request", message(new IllegalArgumentException((String) null)));
    }

    @Test
    void ordinaryMessagesPass() {
        assertEquals("preset must be between 1 and 256, was 0", message(new IllegalArgumentException("preset must be between 1 and 256, was 0")));
        assertEquals("no master key is configured: set fieldcast.secret.master-key-file",
                message(new IllegalArgumentException("no master key is configured: set fieldcast.secret.master-key-file")));
        assertEquals("camera at cam.org.example.com:443 refused", message(new IllegalArgumentException("camera at cam.org.example.com:443 refused")));
    }

    @Test
    void errorTextsAreBounded() {
        assertEquals(ApiError.MAX_ERROR + 1, new ApiError(404, "x".repeat(100_000)).error().length());
    }
}
