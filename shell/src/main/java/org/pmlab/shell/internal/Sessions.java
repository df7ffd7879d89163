package org.pmlab.shell.internal;

import java.nio.file.Path;
import org.apache.felix.service.command.CommandSession;

/** What every pmlab session (the console's, a script's) is set up with before its first statement. */
final class Sessions {
    private Sessions() {
    }

    private static final String NO_GREP_COLORS = "ms=:mc=:sl=:cx=:fn=:ln=:bn=:se=";
    private static final String NO_LS_COLORS = "dr=:ex=:sl=:ot=";

    /**
     * Gogo's scope path for bare names: the shell's own commands ({@code help}, {@code exit}),
     * then Gogo's built-ins and the framework's bundle commands ({@code lb}, {@code stop 0}). No
     * {@code *}, and neither SCR's nor Config Admin's scope: a bare name that several scopes share
     * ({@code list}) must not run whichever Gogo finds first; it fails with the scoped names to
     * choose from.
     */
    static final String SCOPE_PATH = "shell:gogo:felix:osgi:context";

    /**
     * Configures the session and runs the profile.
     *
     * @param profile the console's Gogo profile (prompt, helpers), or null
     * @throws Exception what the profile threw
     */
    static void configure(CommandSession session, Path profile, boolean terminal) throws Exception {
        session.put("SCOPE", SCOPE_PATH);
        // Gogo would expand * and ? against the host's files before a command sees them:
        // pmlab's paths name the modelled /sys, never the host's (sysfs:cat matches its own)
        session.put(CommandSession.OPTION_NO_GLOB, Boolean.TRUE);
        if (!terminal) {
            // Gogo's grep and ls colour what goes to the session's own output even when that is
            // a pipe or a file: a script's output carries no escape codes
            session.put("GREP_COLORS", NO_GREP_COLORS);
            session.put("LS_COLORS", NO_LS_COLORS);
        }
        if (profile != null) {
            session.execute("source '" + profile.toUri() + "'");
        }
    }
}
