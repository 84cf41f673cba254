package org.fieldcast.sim;

import java.util.concurrent.atomic.AtomicIntegerArray;

/** Numbered on/off states (virtual alarms, inputs, relays), 1-based as RCP+ {@code num} counts them. */
final class FlagBank {
    private final AtomicIntegerArray states;

    FlagBank(int count) {
        states = new AtomicIntegerArray(count);
    }

    boolean inRange(int num) {
        return num >= 1 && num <= states.length();
    }

    boolean get(int num) {
        return states.get(num - 1) != 0;
    }

    void set(int num, boolean on) {
        states.set(num - 1, on ? 1 : 0);
    }

    int count() {
        return states.length();
    }
}
