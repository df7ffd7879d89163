package org.pmlab.itest.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Output as a document shows it: lines compared exactly (trailing blanks aside), where a line
 * {@code ...} stands for any number of lines, none included.
 */
final class ExpectedOutput {

    static final String ELLIPSIS = "...";

    private final List<String> lines;

    ExpectedOutput(List<String> lines) {
        this.lines = trim(lines);
    }

    /**
     * The shown output with each {@code ...} replaced by the lines it stands for in
     * {@code actual}: equal to {@code actual} exactly when the output matches, and otherwise
     * as close to it as the shown lines allow, so that a diff points at the real difference.
     */
    String expand(List<String> actual) {
        List<String> a = trim(actual);
        List<String> out = new ArrayList<>();
        if (match(0, a, 0, out)) {
            return String.join("\n", out);
        }
        // no match: show the lines as written, each ... standing for nothing
        return String.join("\n", lines.stream().filter(l -> !l.equals(ELLIPSIS)).toList());
    }

    boolean matches(List<String> actual) {
        return match(0, trim(actual), 0, new ArrayList<>());
    }

    /** Glob matching over lines; {@code out} collects the expansion of a successful match. */
    private boolean match(int e, List<String> actual, int a, List<String> out) {
        if (e == lines.size()) {
            return a == actual.size();
        }
        if (lines.get(e).equals(ELLIPSIS)) {
            for (int skip = a; skip <= actual.size(); skip++) {
                int mark = out.size();
                out.addAll(actual.subList(a, skip));
                if (match(e + 1, actual, skip, out)) {
                    return true;
                }
                out.subList(mark, out.size()).clear();
            }
            return false;
        }
        if (a < actual.size() && lines.get(e).equals(actual.get(a))) {
            out.add(actual.get(a));
            if (match(e + 1, actual, a + 1, out)) {
                return true;
            }
            out.remove(out.size() - 1);
        }
        return false;
    }

    /** Trailing blanks of each line and trailing empty lines do not count. */
    static List<String> trim(List<String> lines) {
        List<String> t = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!t.isEmpty() && t.get(t.size() - 1).isEmpty()) {
            t.remove(t.size() - 1);
        }
        return t;
    }
}
