package org.pmlab.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ops4j.pax.exam.Option;

/**
 * The launcher's bundle set for Pax Exam: exactly what {@code cnf/pmlab.bndrun} runs (read from
 * the executable jar the build exports from it, see {@link LauncherJar}), with the same start
 * levels and run properties. A test class uses it as
 * <pre>
 * &#64;Configuration
 * public Option[] config() { return new Option[] { PmlabOptions.launcher() }; }
 * </pre>
 */
public final class PmlabOptions {

    /** Folders (and artifactIds) of the pmlab bundles the launcher runs; each symbolic name is org.pmlab.&lt;folder&gt;. */
    public static final List<String> REACTOR = LauncherJar.get().bundles().stream()
            .map(LauncherJar.RunBundle::symbolicName).filter(n -> n.startsWith("org.pmlab."))
            .map(n -> n.substring("org.pmlab.".length())).sorted().toList();

    /**
     * The one run property left out: {@code pmlab.console} makes the shell bundle open the
     * console on stdin as the launcher's main task; a test drives Gogo itself.
     */
    private static final String CONSOLE = "pmlab.console";

    private PmlabOptions() {}

    /** Everything the launcher runs. */
    public static Option launcher() {
        LauncherJar launcher = LauncherJar.get();
        return composite(frameworkStartLevel(launcher.beginningStartLevel()), runProperties(), bundles(), junitBundles());
    }

    /** The launcher's run properties (no console reads the test's stdin) and pmlab's Gogo profile. */
    public static Option runProperties() {
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, String> p : LauncherJar.get().runProperties().entrySet()) {
            if (!p.getKey().equals(CONSOLE)) {
                options.add(systemProperty(p.getKey()).value(p.getValue()));
            }
        }
        // pmlab's profile, as the pmlab script passes it: no banner on the test output
        options.add(systemProperty("gosh.home").value(new File(required("pmlab.gosh.home")).getAbsolutePath()));
        return composite(options.toArray(Option[]::new));
    }

    /** Every bundle the launcher installs, at its start level. */
    public static Option bundles() {
        return composite(LauncherJar.get().bundles().stream()
                .map(b -> bundle(b.file().toUri().toString()).startLevel(b.startLevel()))
                .toArray(Option[]::new));
    }

    static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run the tests through Maven (mvn verify)");
        }
        return value;
    }
}
