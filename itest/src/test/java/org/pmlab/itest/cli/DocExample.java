package org.pmlab.itest.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code $ ./pmlab ...} command shown in a document, with the output shown under it.
 *
 * @param file     the document, relative to the repository
 * @param line     the 1-based line of the command's {@code $}
 * @param command  the shell command, without the {@code $ } prompt (may span lines)
 * @param expected the output lines as shown; a line {@code ...} stands for any lines
 */
record DocExample(Path file, int line, String command, List<String> expected) {

    /** Where the example is, as an editor jumps to it: {@code README.md:171}. */
    String where() {
        return file + ":" + line;
    }

    /** The command on one line, shortened, for test names. */
    String title() {
        String flat = command.replaceAll("\\s*\\n\\s*", " ");
        return where() + "  " + (flat.length() <= 110 ? flat : flat.substring(0, 107) + "...");
    }
}
