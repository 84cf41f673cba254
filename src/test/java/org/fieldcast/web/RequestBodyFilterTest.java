package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.junit.jupiter.api.Test;
import org.fieldcast.secret.boundary.SecretsResource;

class RequestBodyFilterTest {

    @SuppressWarnings("unused")
    static class Resource {
        public void none() {
        }

        public void params(@PathParam("id") String id, @QueryParam("pan") @Parameter(description = "speed") String pan,
                           @HeaderParam("X") String x, @Context UriInfo uri, @Suspended AsyncResponse async) {
        }

        public void body(@PathParam("id") String id, SecretsResource.EncryptRequest request) {
        }

        public void documentedBody(@Parameter(description = "the request") String text) {
        }
    }

    private static Method method(String name) {
        for (Method m : Resource.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void theEntityIsTheParameterWithoutAJaxRsAnnotation() {
        assertFalse(RequestBodyFilter.takesBody(method("none")));
        assertFalse(RequestBodyFilter.takesBody(method("params")), "OpenAPI's @Parameter beside @QueryParam is no entity");
        assertTrue(RequestBodyFilter.takesBody(method("body")));
        assertTrue(RequestBodyFilter.takesBody(method("documentedBody")), "an annotation of another API does not hide the entity");
    }

    @Test
    void aBodyIsDeclaredByItsLengthOrItsTransferEncoding() {
        assertFalse(RequestBodyFilter.hasBody(-1, null));
        assertFalse(RequestBodyFilter.hasBody(0, null));
        assertFalse(RequestBodyFilter.hasBody(0, "chunked"), "a declared empty length wins");
        assertTrue(RequestBodyFilter.hasBody(1, null));
        assertTrue(RequestBodyFilter.hasBody(-1, "chunked"));
    }
}
