package org.pmlab.itest.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the examples in the repository's Markdown files: every fenced block whose first line is
 * a {@code $ ./pmlab ...} command. In such a block each {@code $ } line starts a command (which
 * goes on over the next lines while a quote is open or a line ends with a backslash, as in bash),
 * and the lines up to the next command are its output.
 */
final class DocExamples {

    static final String PROMPT = "$ ";
    static final String LAUNCHER = "./pmlab";

    /** Directories that hold no documentation of ours. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules");

    private DocExamples() {
    }

    /** Every example of every Markdown file under {@code root}, in file and line order. */
    static List<DocExample> find(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        List<DocExample> examples = new ArrayList<>();
        for (Path f : files) {
            try {
                examples.addAll(parse(root.relativize(f), Files.readAllLines(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return examples;
    }

    /** The examples of one document. */
    static List<DocExample> parse(Path file, List<String> lines) {
        List<DocExample> examples = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String fence = fence(lines.get(i));
            if (fence == null) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals(fence)) {
                end++;
            }
            if (i + 1 < end && isCommand(lines.get(i + 1))) {
                examples.addAll(block(file, lines, i + 1, end));
            }
            i = end + 1;
        }
        return examples;
    }

    /** The fence that opens a block (three or more backticks), or null. */
    private static String fence(String line) {
        String t = line.strip();
        if (!t.startsWith("```")) {
            return null;
        }
        int n = 0;
        while (n < t.length() && t.charAt(n) == '`') {
            n++;
        }
        return t.substring(0, n);
    }

    private static boolean isCommand(String line) {
        return line.startsWith(PROMPT + LAUNCHER + " ") || line.equals(PROMPT + LAUNCHER);
    }

    /** The commands of one block, lines {@code from} (a command) up to {@code end} (the fence). */
    private static List<DocExample> block(Path file, List<String> lines, int from, int end) {
        List<DocExample> out = new ArrayList<>();
        int i = from;
        while (i < end) {
            int start = i;
            StringBuilder command = new StringBuilder(lines.get(i).substring(PROMPT.length()));
            i++;
            while (i < end && continues(command)) {
                command.append('\n').append(lines.get(i));
                i++;
            }
            List<String> expected = new ArrayList<>();
            while (i < end && !lines.get(i).startsWith(PROMPT)) {
                expected.add(lines.get(i));
                i++;
            }
            out.add(new DocExample(file, start + 1, command.toString(), List.copyOf(expected)));
        }
        return out;
    }

    /** Whether bash would read another line: a quote is open, or the line ends with a backslash. */
    static boolean continues(CharSequence command) {
        boolean single = false;
        boolean dbl = false;
        boolean escaped = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (single) {
                single = c != '\'';
            } else if (c == '\\') {
                escaped = true;
            } else if (dbl) {
                dbl = c != '"';
            } else if (c == '\'') {
                single = true;
            } else if (c == '"') {
                dbl = true;
            }
        }
        return single || dbl || escaped;
    }
}
