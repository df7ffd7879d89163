package org.pmlab.itest.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Which bundle a class was built into, and what that bundle exports, read from the manifest
 * bnd wrote next to the class (in its jar, or in {@code target/classes/META-INF}).
 */
final class Bundles {

    /** A built pmlab bundle: its symbolic name and exported packages. */
    record Bundle(String symbolicName, Set<String> exports) {}

    private static final Map<String, Bundle> BY_ROOT = new ConcurrentHashMap<>();

    private Bundles() {}

    /** The bundle {@code c} belongs to. */
    static Bundle of(JavaClass c) {
        URI uri = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + c.getName()))
                .getUri();
        return BY_ROOT.computeIfAbsent(root(uri, c), Bundles::read);
    }

    /** The jar file or class folder that holds the class file at {@code uri}. */
    private static String root(URI uri, JavaClass c) {
        String text = uri.toString();
        if (text.startsWith("jar:")) {
            return text.substring("jar:".length(), text.indexOf("!/"));
        }
        String suffix = c.getName().replace('.', '/') + ".class";
        if (!text.endsWith(suffix)) {
            throw new IllegalStateException("unexpected class location " + uri);
        }
        return text.substring(0, text.length() - suffix.length());
    }

    private static Bundle read(String root) {
        Path path = Path.of(URI.create(root));
        try {
            Manifest manifest;
            if (Files.isDirectory(path)) {
                try (InputStream in = Files.newInputStream(path.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IllegalStateException(path + " is not a bundle (no Bundle-SymbolicName)");
            }
            return new Bundle(name.split(";", 2)[0].trim(), packages(manifest.getMainAttributes().getValue("Export-Package")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + path, e);
        }
    }

    /** The package names of an Export-Package header (clauses split at commas outside quotes). */
    static Set<String> packages(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        for (String clause : clauses(header)) {
            for (String part : clause.split(";")) {
                String p = part.trim();
                if (p.contains("=")) {
                    break; // attributes and directives follow the package names
                }
                names.add(p);
            }
        }
        return names;
    }

    private static List<String> clauses(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char ch : header.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        out.add(current.toString());
        return out;
    }
}
