package org.pmlab.itest.architecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;

/**
 * {@code docs/kernel-map.md}, made from the {@code @Kernel} annotations in the built classes:
 * one row per kernel function and the class and method that model it, grouped by kernel file.
 */
final class KernelMap {

    static final String ANNOTATION = "org.pmlab.annotation.Kernel";

    /** One kernel function and where the model has it. */
    record Row(String file, String function, String className, String member, String bundle) {}

    private KernelMap() {}

    static List<Row> rows(JavaClasses classes) {
        List<Row> rows = new ArrayList<>();
        for (JavaClass c : classes) {
            Optional<JavaAnnotation<JavaClass>> onType = c.tryGetAnnotationOfType(ANNOTATION);
            String typeFile = typeFile(c);
            String bundle = Bundles.of(c).symbolicName();
            onType.ifPresent(a -> {
                for (String fn : functions(a)) {
                    rows.add(new Row(typeFile, fn, displayName(c), "", bundle));
                }
            });
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                unit.tryGetAnnotationOfType(ANNOTATION).ifPresent(a -> {
                    String file = file(a).isEmpty() ? typeFile : file(a);
                    String member = unit.isConstructor() ? "(constructor)" : unit.getName();
                    for (String fn : functions(a)) {
                        rows.add(new Row(file, fn, displayName(c), member, bundle));
                    }
                });
            }
        }
        rows.sort(Comparator.comparing(Row::file).thenComparing(Row::function).thenComparing(Row::className)
                .thenComparing(Row::member));
        return rows;
    }

    static String markdown(List<Row> rows) {
        Map<String, List<Row>> byFile = new TreeMap<>();
        for (Row r : rows) {
            byFile.computeIfAbsent(r.file().isEmpty() ? "(file not named)" : r.file(), f -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Kernel map\n\n")
                .append("Which class and method of pmlab models each Linux kernel function, grouped by the kernel\n")
                .append("source file. This page is generated from the `@Kernel` annotations in the code\n")
                .append("(`org.pmlab.annotation.Kernel`); `KernelMapTest` in `itest/` fails when it differs from\n")
                .append("them and writes the current map to `itest/target/kernel-map.md` (copy that file here).\n")
                .append("A member named `(class)` means the whole class models the function.\n");
        byFile.forEach((file, list) -> {
            out.append("\n## `").append(file).append("`\n\n");
            out.append("| kernel function | class | method | bundle |\n");
            out.append("|---|---|---|---|\n");
            for (Row r : list) {
                out.append("| `").append(r.function()).append("` | `").append(r.className()).append("` | ")
                        .append(r.member().isEmpty() ? "(class)" : "`" + r.member() + "`").append(" | ")
                        .append(r.bundle()).append(" |\n");
            }
        });
        return out.toString();
    }

    /** The file a type names, else the one its enclosing type names. */
    private static String typeFile(JavaClass c) {
        String own = c.tryGetAnnotationOfType(ANNOTATION).map(KernelMap::file).orElse("");
        if (!own.isEmpty()) {
            return own;
        }
        return c.getEnclosingClass().map(KernelMap::typeFile).orElse("");
    }

    private static String displayName(JavaClass c) {
        return c.getName().replace('$', '.');
    }

    private static String file(JavaAnnotation<?> a) {
        return (String) a.get("file").orElse("");
    }

    private static String[] functions(JavaAnnotation<?> a) {
        return (String[]) a.get("value").orElse(new String[0]);
    }
}
