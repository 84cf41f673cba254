package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdminGateTest {

    @Test
    void everyPathUnderAdminIsGuarded() {
        assertTrue(AdminGate.isAdminPath(List.of("admin", "secrets")));
        assertTrue(AdminGate.isAdminPath(List.of("admin", "secrets", "encrypt")));
        assertTrue(AdminGate.isAdminPath(List.of("admin")));
        assertTrue(AdminGate.isAdminPath(List.of("admin", "")));
    }

    @Test
    void emptyAndDotSegmentsDoNotWalkAroundTheGate() {
        assertTrue(AdminGate.isAdminPath(List.of("", "admin", "secrets")));
        assertTrue(AdminGate.isAdminPath(List.of(".", "", "admin", "secrets")));
    }

    @Test
    void otherPathsPass() {
        assertFalse(AdminGate.isAdminPath(List.of("cameras", "admin")));
        assertFalse(AdminGate.isAdminPath(List.of("administration")));
        assertFalse(AdminGate.isAdminPath(List.of("")));
        assertFalse(AdminGate.isAdminPath(List.of()));
    }
}
