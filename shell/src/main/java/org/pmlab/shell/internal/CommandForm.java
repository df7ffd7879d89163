package org.pmlab.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;

/** One form (Java overload) of a command: its description and parameters, read from Gogo's annotations. */
record CommandForm(Method method, String description, List<ParamSpec> params) {

    CommandForm {
        params = List.copyOf(params);
    }

    static CommandForm of(Method m) {
        Descriptor d = m.getAnnotation(Descriptor.class);
        List<ParamSpec> params = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (CommandSession.class.isAssignableFrom(p.getType())) {
                continue; // Gogo passes the session; the user never types it
            }
            Descriptor pd = p.getAnnotation(Descriptor.class);
            String desc = pd == null ? "" : pd.value();
            org.apache.felix.service.command.Parameter opt = p.getAnnotation(org.apache.felix.service.command.Parameter.class);
            String name = ParamSpec.display(p.getName());
            if (opt == null) {
                boolean repeated = p.getType().isArray();
                Class<?> type = repeated ? p.getType().getComponentType() : p.getType();
                params.add(new ParamSpec(name, type, desc, List.of(), false, repeated));
            } else {
                boolean flag = !org.apache.felix.service.command.Parameter.UNSPECIFIED.equals(opt.presentValue());
                params.add(new ParamSpec(name, p.getType(), desc, List.of(opt.names()), flag, false));
            }
        }
        return new CommandForm(m, d == null ? "" : d.value(), params);
    }

    List<ParamSpec> positionals() {
        return params.stream().filter(ParamSpec::positional).toList();
    }

    /** Whether {@code n} positional values fit this form. */
    boolean takes(int n) {
        List<ParamSpec> ps = positionals();
        boolean open = !ps.isEmpty() && ps.get(ps.size() - 1).repeated();
        return open ? n >= ps.size() - 1 : n == ps.size();
    }

    /** The positional that the {@code index}th value goes to, or null. */
    ParamSpec positional(int index) {
        List<ParamSpec> ps = positionals();
        if (index < ps.size()) {
            return ps.get(index);
        }
        return !ps.isEmpty() && ps.get(ps.size() - 1).repeated() ? ps.get(ps.size() - 1) : null;
    }

    List<ParamSpec> options() {
        return params.stream().filter(p -> !p.positional()).toList();
    }

    boolean takesSession() {
        for (Class<?> t : method.getParameterTypes()) {
            if (CommandSession.class.isAssignableFrom(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pm:device [--parent PARENT] ACTION NAME}: options first, as Gogo takes them anywhere. */
    String usage(String fullName) {
        StringBuilder sb = new StringBuilder(fullName);
        for (ParamSpec p : options()) {
            sb.append(' ').append(p.usage());
        }
        for (ParamSpec p : positionals()) {
            sb.append(' ').append(p.usage());
        }
        return sb.toString();
    }
}
