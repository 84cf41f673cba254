package org.fieldcast.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;

/**
 * The platform's OpenID Connect mechanism, found by class name. Soteria registers it in every
 * application, typed to its own class only (never {@code HttpAuthenticationMechanism}), so it takes part
 * in nothing until called; looking it up by name spares a compile-time dependency on Payara's Soteria.
 */
@ApplicationScoped
class PlatformBeans {
    static final String OPENID_MECHANISM = "org.glassfish.soteria.mechanisms.OpenIdAuthenticationMechanism";

    @Inject
    BeanManager beanManager;

    /** An application-scoped bean's client proxy: found once, valid for the application's life. */
    private volatile HttpAuthenticationMechanism openIdMechanism;

    HttpAuthenticationMechanism openIdMechanism() {
        HttpAuthenticationMechanism found = openIdMechanism;
        if (found == null) {
            found = HttpAuthenticationMechanism.class.cast(reference(OPENID_MECHANISM));
            openIdMechanism = found;
        }
        return found;
    }

    private Object reference(String className) {
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getBeanClass().getName().equals(className)) {
                // Its only bean types are its class and Object: ask for Object, use it through the interface.
                return beanManager.getReference(bean, Object.class, beanManager.createCreationalContext(bean));
            }
        }
        throw new IllegalStateException("no " + className + " bean: this platform has no Jakarta Security OpenID Connect");
    }
}
