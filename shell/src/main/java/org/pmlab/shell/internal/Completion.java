package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.jline.builtins.Completers.CompletionData;
import org.jline.builtins.Completers.CompletionEnvironment;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * The console's completion, on Gogo's and JLine's machinery ({@code Completers.Completer}, the
 * engine behind Gogo's {@code complete} command): what users or the profile declared with
 * {@code complete} stays, and every pmlab command, under each of its names, gets its
 * description, its options with theirs, and its arguments' values from
 * {@link ArgumentCandidates}.
 */
final class Completion implements CompletionEnvironment {

    /** The argument expression of pmlab's entries: answered here, not evaluated by Gogo. */
    static final String ARGUMENTS = "__pmlab_arguments";

    private final CommandSession session;
    private final CommandCatalog catalog;
    private final Supplier<ArgumentCandidates> candidates;

    Completion(CommandSession session, CommandCatalog catalog, Supplier<ArgumentCandidates> candidates) {
        this.session = session;
        this.catalog = catalog;
        this.candidates = candidates;
    }

    @Override
    public Map<String, List<CompletionData>> getCompletions() {
        Map<String, List<CompletionData>> all = new HashMap<>();
        for (CommandSpec c : catalog.all()) {
            List<CompletionData> data = new ArrayList<>();
            data.add(new CompletionData(null, c.summary(), null, null));
            for (ParamSpec p : c.allOptions()) {
                data.add(new CompletionData(p.options(), p.description(), null, null));
            }
            if (c.forms().stream().anyMatch(f -> !f.params().isEmpty())) {
                data.add(new CompletionData(null, null, ARGUMENTS, null));
            }
            for (String name : c.allNames()) {
                all.put(name, data);
            }
        }
        Map<String, List<CompletionData>> declared = Shell.getCompletions(session);
        if (declared != null) {
            all.putAll(declared); // what 'complete' declared wins
        }
        return all;
    }

    @Override
    public Set<String> getCommands() {
        return Shell.getCommands(session);
    }

    @Override
    public String resolveCommand(String command) {
        return Shell.resolve(session, command);
    }

    @Override
    public String commandName(String command) {
        int idx = command.indexOf(':');
        return idx >= 0 ? command.substring(idx + 1) : command;
    }

    @Override
    public Object evaluate(LineReader reader, ParsedLine line, String func) throws Exception {
        if (ARGUMENTS.equals(func)) {
            String command = resolveCommand(line.words().get(0));
            ArgumentCandidates values = candidates.get();
            if (values == null) {
                return List.of(); // the platform is not up: nothing to offer from it
            }
            return catalog.findOne(command).map(spec -> values.complete(spec, reader, line, session.currentDir()))
                    .orElse(List.of());
        }
        session.put(Shell.VAR_COMMAND_LINE, line);
        return session.execute(func);
    }
}
