package org.fieldcast.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every JSON request body of the API that binds to a record goes through here instead of JSON-B:
 * at most {@value #MAX_BODY_KEY} bytes (413 beyond, refused on the declared length before a byte is
 * read), then {@link JsonRecordParser}'s strict reading (400 naming the problem).
 *
 * <p>A plain JAX-RS provider, not a CDI bean: Jersey prefers the reader whose declared type is
 * closest to the entity's (a record here, any object for JSON-B's), and of a CDI bean it sees the
 * proxy, whose type it cannot read, so on some starts JSON-B's reader won the tie.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonRecordReader implements MessageBodyReader<Record> {
    /** The largest request body the API reads, in bytes. */
    static final String MAX_BODY_KEY = "fieldcast.api.max-body";
    /** 64 KiB: far above any request the API takes, far below what would cost memory. */
    static final int DEFAULT_MAX_BODY = 64 * 1024;

    private final int maxBody = ConfigProvider.getConfig().getOptionalValue(MAX_BODY_KEY, Integer.class).orElse(DEFAULT_MAX_BODY);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType);
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        if (declaredLength(headers.getFirst(HttpHeaders.CONTENT_LENGTH)) > maxBody) {
            throw tooLarge();
        }
        byte[] body = entity.readNBytes(maxBody + 1); // chunked bodies declare no length: read one byte past the limit
        if (body.length > maxBody) {
            throw tooLarge();
        }
        return JsonRecordParser.parse(body, type);
    }

    private BadInputException tooLarge() {
        return new BadInputException(413, "the request body is larger than " + maxBody + " bytes");
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // the container refuses a malformed length before we see it
        }
    }
}
