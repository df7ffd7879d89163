package org.pmlab.topology.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmlab.topology.api.TopologyException;

/**
 * One JSON object of a topology document together with the JSONPath that names it, so that every
 * type or value problem can be reported exactly where it is.
 */
final class JsonFields {

    private final String source;
    private final String path;
    private final JsonNode node;

    private JsonFields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** Wraps {@code node}, which must be a JSON object. */
    static JsonFields of(String source, String path, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new TopologyException(source, path, "expected an object, got " + describe(node));
        }
        return new JsonFields(source, path, node);
    }

    String path() {
        return path;
    }

    String pathOf(String field) {
        return path + "." + field;
    }

    TopologyException error(String field, String problem) {
        return new TopologyException(source, pathOf(field), problem);
    }

    TopologyException error(String problem) {
        return new TopologyException(source, path, problem);
    }

    /** Rejects any field not in {@code known}: a misspelt optional field would otherwise be silently ignored. */
    JsonFields allowOnly(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(name, "unknown field '" + name + "'; expected one of: " + String.join(", ", known));
            }
        }
        return this;
    }

    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw error(field, "missing required field '" + field + "'");
        }
        return value;
    }

    /** Absent and explicit {@code null} both read as "not given". */
    private boolean given(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String requiredText(String field) {
        return text(field, present(field));
    }

    /** The text, {@code null} if the field is {@code null}, {@code absent} if it is missing. */
    String optionalText(String field, String absent) {
        JsonNode value = node.get(field);
        if (value == null) {
            return absent;
        }
        return value.isNull() ? null : text(field, value);
    }

    private String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw error(field, "expected a string, got " + describe(value));
        }
        return value.textValue();
    }

    boolean bool(String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw error(field, "expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    int requiredInt(String field) {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw error(field, "expected an integer, got " + describe(value));
        }
        return value.intValue();
    }

    /** An integer, or {@code null} when absent or {@code null}. */
    Integer optionalInt(String field) {
        return given(field) ? requiredInt(field) : null;
    }

    /** A number of watts (0 or more, fractions allowed), or {@code null} when absent or {@code null}. */
    Double optionalWatts(String field) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw error(field, "expected a number of watts, got " + describe(value));
        }
        double w = value.doubleValue();
        if (w < 0 || Double.isInfinite(w)) {
            throw error(field, "expected a number of watts, 0 or more, got " + value.asText());
        }
        return w;
    }

    /** A number in {@code 0..max} written as a hex string {@code "0x..."} or as a plain JSON integer. */
    int requiredNumber(String field, int max) {
        JsonNode value = present(field);
        long n;
        if (value.isIntegralNumber()) {
            n = value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE;
        } else if (value.isTextual()) {
            String text = value.textValue();
            if (!isHex(text)) {
                throw error(field, "bad hex number \"" + text + "\": expected 0x followed by hex digits, such as \"0x10de\"");
            }
            int start = 2;
            while (start < text.length() - 1 && text.charAt(start) == '0') {
                start++;
            }
            n = text.length() - start > 8 ? Long.MAX_VALUE : Long.parseLong(text, start, text.length(), 16);
        } else {
            throw error(field, "expected a hex string such as \"0x10de\" or an integer, got " + describe(value));
        }
        if (n < 0 || n > max) {
            throw error(field, "value " + value + " is out of range 0x0..0x" + Integer.toHexString(max));
        }
        return (int) n;
    }

    /** {@code 0x} (or {@code 0X}) and one or more hex digits: three per device, so no regular expression. */
    private static boolean isHex(String text) {
        if (text.length() < 3 || text.charAt(0) != '0' || (text.charAt(1) != 'x' && text.charAt(1) != 'X')) {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    int optionalNumber(String field, int max, int absent) {
        return node.has(field) ? requiredNumber(field, max) : absent;
    }

    /** The nested object, which must be present. */
    JsonFields requiredObject(String field) {
        return of(source, pathOf(field), present(field));
    }

    /** The nested object, or {@code null} when absent or {@code null}. */
    JsonFields optionalObject(String field) {
        return given(field) ? of(source, pathOf(field), node.get(field)) : null;
    }

    /** The elements of an array field; absent means empty. */
    List<JsonNode> array(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(field, "expected an array, got " + describe(value));
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    String elementPath(String field, int index) {
        return pathOf(field) + "[" + index + "]";
    }

    /** A string element of an array field. */
    String textElement(String field, int index, JsonNode element) {
        if (!element.isTextual()) {
            throw new TopologyException(source, elementPath(field, index), "expected a string, got " + describe(element));
        }
        return element.textValue();
    }

    /** Field names for {@link #allowOnly}: fast to look up, listed in the given order in messages. */
    static Set<String> names(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        return value.isArray() ? "an array" : "an object";
    }
}
