package org.pmlab.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What the launcher runs, read from the executable jar the build exports from
 * {@code cnf/pmlab.bndrun} ({@code cnf/target/pmlab.jar}): its bundles with their start levels
 * and its run properties, as bnd's launcher reads them from {@code launcher.properties}. The
 * bundles are copied out of the jar into {@code target/launcher/} once per test JVM. The
 * bndrun is the one list; Pax Exam and the architecture checks take it from here.
 */
public final class LauncherJar {

    /** A bundle the launcher installs. */
    public record RunBundle(String symbolicName, int startLevel, Path file) {}

    private static LauncherJar instance;

    private final List<RunBundle> bundles;
    private final Map<String, String> runProperties;
    private final int beginningStartLevel;

    private LauncherJar(List<RunBundle> bundles, Map<String, String> runProperties, int beginningStartLevel) {
        this.bundles = List.copyOf(bundles);
        this.runProperties = Map.copyOf(runProperties);
        this.beginningStartLevel = beginningStartLevel;
    }

    /** The launcher jar the build made (system property {@code pmlab.launcher.jar}, set by Maven). */
    public static synchronized LauncherJar get() {
        if (instance == null) {
            instance = read(Path.of(PmlabOptions.required("pmlab.launcher.jar")), Path.of("target", "launcher"));
        }
        return instance;
    }

    public List<RunBundle> bundles() {
        return bundles;
    }

    /** The run properties ({@code -runproperties}), without bnd's own {@code launch.*} settings. */
    public Map<String, String> runProperties() {
        return runProperties;
    }

    /** The framework start level the launcher begins with. */
    public int beginningStartLevel() {
        return beginningStartLevel;
    }

    static LauncherJar read(Path jar, Path into) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("launcher.properties");
            if (entry == null) {
                throw new IllegalStateException(jar + " has no launcher.properties: not a bnd executable jar");
            }
            Properties p = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                p.load(in);
            }
            String[] paths = p.getProperty("launch.bundles", "").split(",");
            String[] attrs = p.getProperty("launch.runbundles.attrs", "").split(",");
            if (paths.length != attrs.length) {
                throw new IllegalStateException(jar + ": launch.bundles and launch.runbundles.attrs differ in length");
            }
            Files.createDirectories(into);
            List<RunBundle> bundles = new ArrayList<>();
            for (int i = 0; i < paths.length; i++) {
                Path target = into.resolve(Path.of(paths[i]).getFileName().toString());
                try (InputStream in = file.getInputStream(file.getEntry(paths[i]))) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                bundles.add(new RunBundle(attrs[i].split(";", 2)[0], startLevel(attrs[i], p), target.toAbsolutePath()));
            }
            Map<String, String> run = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("launch.") && !key.startsWith("org.osgi.framework.startlevel.")) {
                    run.put(key, p.getProperty(key));
                }
            }
            int beginning = Integer.parseInt(p.getProperty("org.osgi.framework.startlevel.beginning", "1"));
            return new LauncherJar(bundles, run, beginning);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher jar " + jar, e);
        }
    }

    /** {@code startlevel=N} from a {@code bsn;version="..";startlevel=N} clause, else the launcher's default. */
    private static int startLevel(String clause, Properties p) {
        for (String part : clause.split(";")) {
            String t = part.trim();
            if (t.startsWith("startlevel=")) {
                return Integer.parseInt(t.substring("startlevel=".length()));
            }
        }
        return Integer.parseInt(p.getProperty("launch.startlevel.default", "1"));
    }
}
