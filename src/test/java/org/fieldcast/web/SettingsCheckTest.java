package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {
    Optional<Duration> optional;
    Supplier<Integer> supplier;
    List<String> list;

    @Test
    void theTypeAValueConvertsTo() throws Exception {
        assertEquals(Optional.of(Integer.class), SettingsCheck.valueClass(int.class));
        assertEquals(Optional.of(Duration.class), SettingsCheck.valueClass(Duration.class));
        assertEquals(Optional.of(Duration.class), SettingsCheck.valueClass(field("optional")));
        assertEquals(Optional.of(Integer.class), SettingsCheck.valueClass(field("supplier")));
        assertEquals(Optional.empty(), SettingsCheck.valueClass(field("list")), "a list's elements are the feature's business");
    }

    private static java.lang.reflect.Type field(String name) throws NoSuchFieldException {
        return SettingsCheckTest.class.getDeclaredField(name).getGenericType();
    }
}
