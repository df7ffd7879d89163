package org.pmlab.shell.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A one-object view: aligned "key  value" lines, as {@code scr:info} prints them. */
final class KeyValues {

    private final Map<String, String> entries = new LinkedHashMap<>();

    KeyValues put(String key, Object value) {
        entries.put(key, value == null ? "-" : value.toString());
        return this;
    }

    @Override
    public String toString() {
        int w = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(e.getKey()).append(" ".repeat(w - e.getKey().length() + 2)).append(e.getValue());
        }
        return sb.toString();
    }
}
