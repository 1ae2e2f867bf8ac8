package io.aegis.registry.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint does, and so who may call it (decided by {@link AccessPolicy}). Every
 * controller method carries one (checked by a test); a route without it is treated as
 * {@link Level#ADMIN}, so a forgotten annotation fails closed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    Level value();

    /** The kinds of call, from least to most privileged. */
    enum Level {
        /** Reads, lookups and compatibility tests: every authenticated user. */
        READ,
        /** Registering a version under the {@code subject} path variable: admins and users granted a prefix of it. */
        REGISTER,
        /** Changing compatibility levels and deleting: admins only. */
        ADMIN
    }
}
