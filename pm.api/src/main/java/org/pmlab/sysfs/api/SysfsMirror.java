package org.pmlab.sysfs.api;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live machine's sysfs tree kept as real files under {@code ROOT/sys/...}, with writes to its
 * writable files by other processes applied to the model. Configured through Config Admin
 * ({@value #PID}, property {@code root}) or started and stopped directly.
 */
@ProviderType
public interface SysfsMirror {
    String PID = "org.pmlab.sysfs.mirror";

    /** The framework property the launcher sets for {@code --mirror DIR}. */
    String FRAMEWORK_PROPERTY = "pmlab.mirror";

    /**
     * Mirrors the live machine under {@code root} (replacing any earlier mirror). Returns the
     * resolved root.
     *
     * @throws IllegalArgumentException when the root is, or lies inside, /sys, /proc or /dev, or
     *         cannot be created
     */
    Path start(Path root);

    /** Stops mirroring; the files stay where they are. */
    void stop();

    /** The root being mirrored to, if any. */
    Optional<Path> root();
}
