package org.fieldcast.web;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every Fieldcast setting that is given must convert to its type, or the application does not start,
 * with the key and the value named. Payara's injection of a {@code @ConfigProperty} quietly uses the
 * default when a value does not convert ({@code fieldcast.ptz.lease=banana} ran with 1 s), so an
 * operator's typo would go unnoticed; the programmatic lookup throws, as MicroProfile Config says, so
 * each injected key is looked up that way once, after deployment validation.
 */
public class SettingsCheck implements Extension {
    private final Map<String, Class<?>> settings = new TreeMap<>();

    void injected(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint point = event.getInjectionPoint();
        point.getQualifiers().stream().filter(ConfigProperty.class::isInstance).map(ConfigProperty.class::cast)
                .filter(p -> p.name().startsWith("fieldcast."))
                .forEach(p -> valueClass(point.getType()).ifPresent(type -> settings.put(p.name(), type)));
    }

    void check(@Observes AfterDeploymentValidation event) {
        Config config = ConfigProvider.getConfig();
        settings.forEach((name, type) -> {
            try {
                config.getOptionalValue(name, type);
            } catch (IllegalArgumentException e) {
                // Only values of types other than text fail to convert, so the value is no secret.
                String value = config.getConfigValue(name).getRawValue();
                event.addDeploymentProblem(new BadSetting(
                        name + " = '" + value + "' is not a valid " + type.getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    /** A setting to correct: its message says all, and a stack trace would bury it in the start's log. */
    static final class BadSetting extends RuntimeException {
        BadSetting(String message) {
            super(message, null, false, false);
        }
    }

    /** The class a value converts to: {@code Duration} for {@code Optional<Duration>}, {@code Integer} for {@code int}. */
    static Optional<Class<?>> valueClass(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (raw == Optional.class || raw == Supplier.class || raw == jakarta.inject.Provider.class)) {
            return valueClass(p.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> c) {
            return Optional.of(c.isPrimitive() ? boxed(c) : c);
        }
        return Optional.empty(); // collections and the like: their elements convert one by one, leave them to the feature
    }

    private static Class<?> boxed(Class<?> primitive) {
        return switch (primitive.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }
}
