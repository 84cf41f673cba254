package org.fieldcast.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API lives under {@code /api}; the pages and HLS are served beside it. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Fieldcast", version = "0.1",
        description = "Cameras of remote field sites: live streams, PTZ and alarms."))
public class FieldcastApi extends Application {
}
