package org.pmlab.itest;

import java.util.regex.Pattern;

/**
 * What an error line shown to a user may not contain: a Java class name (qualified, or an
 * {@code ...Exception}/{@code ...Error} type), a stack frame, or Gogo's coercion wording.
 */
public final class ErrorLines {

    private static final Pattern JAVA = Pattern.compile(
            "\\b(java|javax|org|com|net|sun|jdk)\\.[a-z0-9_]+(\\.[A-Za-z0-9_$]+)+"
                    + "|\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b"
                    + "|^\\s*at [a-z]"
                    + "|Cannot coerce|Cannot convert|Command not found|NullPointer|\\bnull\\b$");

    private ErrorLines() {
    }

    /** Why {@code text} is not a clean user-facing message, or null when it is. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "no message";
        }
        for (String line : text.split("\n")) {
            if (JAVA.matcher(line).find()) {
                return "shows Java internals: " + line;
            }
        }
        return null;
    }
}
