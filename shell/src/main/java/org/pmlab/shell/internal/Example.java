package org.pmlab.shell.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An example statement for {@code help}, on a command method beside Gogo's {@code @Descriptor}:
 * {@code @Example("pm:get_sync 0000:01:00.0")}, optionally with what it shows after " # ".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Example.List.class)
@interface Example {
    String value();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Example[] value();
    }
}
