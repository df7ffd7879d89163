package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.vfio.api.IrqType;

/**
 * The commands as data, for tools ({@code help --json}): names, forms, and for each parameter
 * its kind (the argument type: {@code Bdf}, {@code DeviceName}, {@code Int}, {@code Duration},
 * ...), its option names and, for enumerated words, the words.
 */
final class CommandDocs {
    private CommandDocs() {
    }

    record Command(String name, List<String> aliases, String summary, List<Form> forms, List<String> examples) {
    }

    record Form(String usage, String description, List<Param> params) {
    }

    record Param(String name, String kind, String description, List<String> options, boolean flag, boolean repeated,
            List<String> values) {
    }

    static List<Command> of(List<CommandSpec> specs) {
        List<Command> out = new ArrayList<>();
        for (CommandSpec c : specs) {
            List<Form> forms = new ArrayList<>();
            for (CommandForm f : c.forms()) {
                List<Param> params = new ArrayList<>();
                for (ParamSpec p : f.params()) {
                    params.add(new Param(p.name(), kind(p.type()), p.description(), p.options(), p.flag(), p.repeated(),
                            values(p.type())));
                }
                forms.add(new Form(f.usage(c.fullName()), f.description(), params));
            }
            out.add(new Command(c.fullName(), c.allNames().subList(1, c.allNames().size()), c.summary(), forms,
                    c.examples()));
        }
        return out;
    }

    private static String kind(Class<?> type) {
        return type == boolean.class ? "flag" : type.getSimpleName();
    }

    private static List<String> values(Class<?> type) {
        List<String> v = new ArrayList<>();
        if (Conversions.isWord(type)) {
            for (Object e : type.getEnumConstants()) {
                v.add(((Word) e).word());
            }
        } else if (type == IrqType.class) {
            for (IrqType t : IrqType.values()) {
                v.add(t.name().toLowerCase());
            }
        } else if (type == PciePortPm.class) {
            for (PciePortPm p : PciePortPm.values()) {
                v.add(p.word());
            }
        }
        return v;
    }
}
