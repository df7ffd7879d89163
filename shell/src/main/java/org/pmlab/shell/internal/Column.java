package org.pmlab.shell.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of a record component in a table ({@link Rows}), where it is not the component's
 * name in capitals: {@code @Column("CLASS") String className}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})
@interface Column {
    String value();
}
