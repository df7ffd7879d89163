package org.pmlab.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Every command of this bundle (a public method with Gogo's {@code @Descriptor}) follows the
 * conventions that make help, completion and bad-input handling work without the command doing
 * anything: a description on the method and on every parameter, and argument types that say
 * what the text names and check it (never {@code int}, {@code long} or {@code boolean}
 * positionals, which Gogo wraps or reads as false without a word). New commands are held to
 * them by this test.
 */
class CommandConventionsTest {

    private static List<Method> commands() throws IOException, ClassNotFoundException {
        List<Method> out = new ArrayList<>();
        Path dir = Path.of("target/classes/org/pmlab/shell/internal");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> c = Class.forName("org.pmlab.shell.internal." + name.substring(0, name.length() - 6));
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && m.isAnnotationPresent(Descriptor.class)) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyCommandParameterHasADescriptionAndACheckedType() throws Exception {
        List<Method> commands = commands();
        assertThat(commands).hasSizeGreaterThan(80);
        List<String> problems = new ArrayList<>();
        for (Method m : commands) {
            String where = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            if (m.getAnnotation(Descriptor.class).value().isBlank()) {
                problems.add(where + ": empty @Descriptor");
            }
            for (java.lang.reflect.Parameter p : m.getParameters()) {
                Class<?> t = p.getType();
                if (CommandSession.class.isAssignableFrom(t)) {
                    continue;
                }
                Descriptor d = p.getAnnotation(Descriptor.class);
                if (d == null || d.value().isBlank()) {
                    problems.add(where + "(" + p.getName() + "): no @Descriptor");
                }
                Parameter opt = p.getAnnotation(Parameter.class);
                boolean flag = opt != null && !Parameter.UNSPECIFIED.equals(opt.presentValue());
                if (flag) {
                    if (t != boolean.class) {
                        problems.add(where + "(" + p.getName() + "): a flag is a boolean");
                    }
                    continue;
                }
                Class<?> one = t.isArray() && opt == null ? t.getComponentType() : t; // varargs: any number of values
                if (one != String.class && !Conversions.handles(one)) {
                    problems.add(where + "(" + p.getName() + "): " + t.getSimpleName()
                            + " is not an argument type (use String, Args.Int, Args.KernelBool, a Word enum, ...)");
                }
                if (opt != null && t != String.class) {
                    try {
                        Conversions.parse(t, opt.absentValue());
                    } catch (IllegalArgumentException e) {
                        problems.add(where + "(" + p.getName() + "): absentValue '" + opt.absentValue()
                                + "' does not convert: " + e.getMessage());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
