package org.pmlab.sysfs.internal;

/** Hears what a mirror did with writes made by other processes. */
interface MirrorListener {
    /** A write was applied to the model. */
    void applied(String sysPath, String content);

    /** A write was refused (and the file put back), or an update failed: one line saying so. */
    void refused(String line);

    /** The mirror put itself right after another process changed its tree (a foreign file removed, a deleted one restored). */
    default void healed(String line) {
    }
}
