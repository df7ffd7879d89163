package org.pmlab.itest.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.pmlab.itest.LauncherJar;

/**
 * The classes of every pmlab bundle the launcher runs, as the build just made them (taken from
 * the launcher jar), imported once per test JVM.
 */
final class BuiltClasses {

    private static JavaClasses classes;

    private BuiltClasses() {}

    static synchronized JavaClasses get() {
        if (classes == null) {
            List<JarFile> jars = new ArrayList<>();
            try {
                for (LauncherJar.RunBundle b : LauncherJar.get().bundles()) {
                    if (b.symbolicName().startsWith("org.pmlab.")) {
                        jars.add(new JarFile(b.file().toFile()));
                    }
                }
                classes = new ClassFileImporter().importJars(jars);
                for (JarFile jar : jars) {
                    jar.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the launcher's bundles", e);
            }
        }
        return classes;
    }
}
