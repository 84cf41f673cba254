package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private static AdminToken token(String value) {
        AdminToken admin = new AdminToken();
        admin.token = Optional.ofNullable(value);
        return admin;
    }

    @Test
    void withoutATokenConfiguredTheAdminEndpointsDoNotExist() {
        assertEquals(404, token(null).check("Bearer anything").status());
        assertEquals(404, token("  ").check("Bearer ").status());
    }

    @Test
    void onlyTheConfiguredBearerTokenPasses() {
        AdminToken admin = token("s3cret-token");
        assertNull(admin.check("Bearer s3cret-token"));
        assertNull(admin.check("bearer  s3cret-token "));
        assertEquals(401, admin.check(null).status());
        assertEquals(401, admin.check("Bearer s3cret-toke").status());
        assertEquals(401, admin.check("Basic czNjcmV0LXRva2Vu").status());
    }
}
