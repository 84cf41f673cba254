package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastAdminTest {
    private static LastAdmin.Account admin(String name) {
        return new LastAdmin.Account(name, Role.ADMIN, true);
    }

    private static final List<LastAdmin.Account> ONE_ADMIN = List.of(admin("root"),
            new LastAdmin.Account("op", Role.OPERATOR, true), new LastAdmin.Account("old", Role.ADMIN, false));

    @Test
    void theLastEnabledAdminCannotBeDeletedDemotedOrDisabled() {
        assertTrue(LastAdmin.wouldBeLost(ONE_ADMIN, "root", Optional.empty()));
        assertTrue(LastAdmin.wouldBeLost(ONE_ADMIN, "root", Optional.of(new LastAdmin.Account("root", Role.OPERATOR, true))));
        assertTrue(LastAdmin.wouldBeLost(ONE_ADMIN, "root", Optional.of(new LastAdmin.Account("root", Role.ADMIN, false))));
    }

    @Test
    void theLastAdminMayChangeOtherwise() {
        assertFalse(LastAdmin.wouldBeLost(ONE_ADMIN, "root", Optional.of(admin("root"))));
    }

    @Test
    void othersAreFree() {
        assertFalse(LastAdmin.wouldBeLost(ONE_ADMIN, "op", Optional.empty()));
        assertFalse(LastAdmin.wouldBeLost(ONE_ADMIN, "old", Optional.empty()), "a disabled admin is no admin to keep");
        assertFalse(LastAdmin.wouldBeLost(ONE_ADMIN, "new", Optional.of(new LastAdmin.Account("new", Role.VIEWER, true))));
    }

    @Test
    void oneOfTwoAdminsMayGo() {
        List<LastAdmin.Account> two = List.of(admin("a"), admin("b"));
        assertFalse(LastAdmin.wouldBeLost(two, "a", Optional.empty()));
        assertFalse(LastAdmin.wouldBeLost(two, "b", Optional.of(new LastAdmin.Account("b", Role.VIEWER, true))));
    }
}
