package org.avmam.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permissions an endpoint needs, checked by {@link AccessGate} before it runs (on an asset's
 * path, against that asset). Every endpoint that changes anything declares it: a write without
 * this annotation is refused. {@code @Requires({})} asks only that the caller be signed in.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Permission[] value();
}
