package org.pmlab.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.List;

import org.ops4j.pax.exam.Option;

/**
 * The launcher's bundle set for Pax Exam: what {@code cnf/pmlab.bndrun} runs, with the same
 * run properties and start levels. A test class uses it as
 * <pre>
 * &#64;Configuration
 * public Option[] config() { return new Option[] { PmlabOptions.launcher() }; }
 * </pre>
 * Reactor bundles come from this build's jars (file URLs passed in by surefire), third-party
 * bundles from the local Maven repository at the version this module's pom declares.
 */
public final class PmlabOptions {

    /** Folders (and artifactIds) of the pmlab bundles; each symbolic name is org.pmlab.&lt;folder&gt;. */
    public static final List<String> REACTOR = List.of(
            "pm.api", "pm.core", "firmware.nod3cold", "firmware.acpi.sim", "vfio.core", "analysis", "backend.sysfs", "shell");

    private static final int PLATFORM_LEVEL = 10;
    private static final int CONSOLE_LEVEL = 20;
    /** As the bnd launcher does: two above the highest bundle start level. */
    private static final int FRAMEWORK_LEVEL = CONSOLE_LEVEL + 2;

    private PmlabOptions() {}

    /** Everything the launcher runs. */
    public static Option launcher() {
        return composite(frameworkStartLevel(FRAMEWORK_LEVEL), runProperties(), platform(), reactor(), console(),
                junitBundles());
    }

    /** The launcher's -runproperties that matter here: no console may read the test's stdin. */
    public static Option runProperties() {
        return composite(
                systemProperty("gosh.args").value("--nointeractive"),
                systemProperty("org.jline.terminal.dumb").value("true"),
                // pmlab's profile: no banner on the test output
                systemProperty("gosh.home").value(new File(required("pmlab.gosh.home")).getAbsolutePath()),
                systemProperty("org.apache.felix.eventadmin.LogLevel").value("1"));
    }

    /** Third-party bundles below the pmlab bundles: DS, configuration, events, Gogo, Jackson. */
    public static Option platform() {
        return composite(
                felix("org.apache.felix.scr"),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject().startLevel(PLATFORM_LEVEL),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject().startLevel(PLATFORM_LEVEL),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject().startLevel(PLATFORM_LEVEL),
                mavenBundle("org.osgi", "org.osgi.service.log").versionAsInProject().startLevel(PLATFORM_LEVEL),
                felix("org.apache.felix.configadmin"),
                felix("org.apache.felix.eventadmin"),
                felix("org.apache.felix.metatype"),
                felix("org.apache.felix.gogo.runtime"),
                felix("org.apache.felix.gogo.command"),
                jackson("jackson-core"),
                jackson("jackson-databind"),
                jackson("jackson-annotations"));
    }

    /** This build's pmlab bundles. */
    public static Option reactor() {
        return composite(REACTOR.stream()
                .map(name -> bundle(new File(required("pmlab.bundle." + name)).toURI().toString()).startLevel(PLATFORM_LEVEL))
                .toArray(Option[]::new));
    }

    /** Gogo's JLine shell (its commands: echo, help, each, ...), after the pmlab bundles as in the launcher. */
    public static Option console() {
        return composite(
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.jline").versionAsInProject().startLevel(CONSOLE_LEVEL),
                mavenBundle("org.jline", "jline").versionAsInProject().startLevel(CONSOLE_LEVEL));
    }

    private static Option felix(String artifactId) {
        return mavenBundle("org.apache.felix", artifactId).versionAsInProject().startLevel(PLATFORM_LEVEL);
    }

    private static Option jackson(String artifactId) {
        return mavenBundle("com.fasterxml.jackson.core", artifactId).versionAsInProject().startLevel(PLATFORM_LEVEL);
    }

    static String required(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run the tests through Maven (mvn verify)");
        }
        return value;
    }
}
