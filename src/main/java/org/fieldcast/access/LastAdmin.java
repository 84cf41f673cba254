package org.fieldcast.access;

import java.util.List;
import java.util.Optional;

/**
 * The station keeps an enabled admin: a change that would delete, demote or disable the last one is
 * refused, since nobody could then manage the accounts without going to the database by hand.
 */
final class LastAdmin {
    private LastAdmin() {
    }

    /** One account as the rule sees it. */
    record Account(String username, Role role, boolean enabled) {
        boolean isActiveAdmin() {
            return enabled && role == Role.ADMIN;
        }
    }

    /**
     * @param accounts every account now
     * @param after    the changed account, or empty when it is deleted
     * @return true when {@code username} is the last enabled admin and would no longer be one
     */
    static boolean wouldBeLost(List<Account> accounts, String username, Optional<Account> after) {
        boolean targetIsActiveAdmin = accounts.stream().anyMatch(a -> a.username().equals(username) && a.isActiveAdmin());
        boolean othersRemain = accounts.stream().anyMatch(a -> !a.username().equals(username) && a.isActiveAdmin());
        return targetIsActiveAdmin && !othersRemain && !after.map(Account::isActiveAdmin).orElse(false);
    }
}
