package org.pmlab.shell.internal;

import java.util.concurrent.Callable;

/**
 * What the bnd launcher runs on its main thread: it calls the task once every bundle is
 * started, then stops the framework and exits the JVM with the status the task returns.
 */
interface MainTask extends Callable<Integer> {

    /** The framework is stopping under the task: let a blocked {@link #call()} return. */
    default void interrupt() {}
}
