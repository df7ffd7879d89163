package org.pmlab.annotation;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Names the Linux kernel function (or ops table, or ioctl handler) that the annotated code
 * models, so a reader can open the kernel source beside it. {@code docs/kernel-map.md} is
 * built from these annotations and checked against the code by the build, so the map cannot
 * drift from what the code says.
 *
 * <p>On a type, {@link #file()} is the kernel source file its members follow; a member names
 * its own {@link #file()} only when it differs. A type may also name functions itself when
 * the whole class models them (an ops table, a driver). Retention is {@code CLASS}: the
 * annotation is in the class files for the build's checks, costs nothing at run time, and adds
 * no package import to a bundle.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD, CONSTRUCTOR})
public @interface Kernel {

    /** The kernel functions modelled here, as spelled in the kernel ({@code rpm_suspend}). */
    String[] value() default {};

    /** The kernel source file, relative to the top of the tree ({@code drivers/base/power/runtime.c}). */
    String file() default "";
}
