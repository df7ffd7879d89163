package org.pmlab.topology.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/**
 * Reads topology text. The devices array streams past one element at a time, each turned into a small tree and
 * mapped at once, so a host with 100k functions never holds a tree of the whole document, and a file is never held
 * as text. Syntax errors become
 * {@link TopologyException}s with the JSONPath and line and column where the parser stopped.
 */
final class TopologyReader {

    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; ");

    /**
     * Jackson's streaming parser alone: the trees are built here from its tokens, so reading a topology (which every
     * start-up does) never builds an ObjectMapper and its hundreds of classes. A repeated key would otherwise silently
     * override the first one.
     */
    private final JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    Topology read(String json, String source) {
        try (JsonParser parser = factory.createParser(json)) {
            return read(parser, source);
        } catch (IOException e) {
            // Reading from a String fails only on malformed input, handled in read(parser, source).
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a file as it streams in, bytes to records in one pass: a host of a million functions (some 300 MB of
     * JSON) is never held as text.
     */
    Topology read(Path file, String source) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = factory.createParser(in)) {
            return read(parser, source);
        } catch (IOException e) {
            throw new TopologyException(source, "$", "cannot read the file: " + e);
        }
    }

    private Topology read(JsonParser parser, String source) throws IOException {
        try {
            return document(parser, new SpecReader(source), source);
        } catch (JsonProcessingException e) {
            throw new TopologyException(source, pathOf(parser),
                    "malformed JSON " + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private Topology document(JsonParser parser, SpecReader specs, String source) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new TopologyException(source, "$", "the document is empty; expected a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new TopologyException(source, "$", "expected an object, got " + JsonFields.describe(node(parser)));
        }
        ObjectNode top = JsonNodeFactory.instance.objectNode();
        List<DeviceSpec> devices = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("devices") && value == JsonToken.START_ARRAY) {
                devices = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode element = node(parser);
                    devices.add(specs.device(JsonFields.of(source, "$.devices[" + devices.size() + "]", element)));
                }
            } else {
                top.set(field, node(parser));
            }
        }
        if (parser.nextToken() != null) {
            throw new TopologyException(source, "$", "unexpected content after the top-level object " + at(parser.currentLocation()));
        }
        return specs.topology(JsonFields.of(source, "$", top), devices);
    }

    /**
     * The value at the parser's current token as a tree, built straight from the tokens: the same nodes as
     * {@code ObjectMapper.readTree} gives (ints as int, long or big-integer nodes, other numbers as doubles),
     * without a deserialization context per device. The parser bounds the nesting depth (its stream read
     * constraints), and so this recursion.
     */
    private static JsonNode node(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT: {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                throw new IllegalStateException("a JSON value cannot start with " + parser.currentToken());
        }
    }

    /**
     * The JSONPath of where the parser stopped: {@code $.devices[1].pm} while inside that value, or
     * {@code $.devices[1]} when the last complete thing read was a field's value (the error lies between fields).
     */
    private static String pathOf(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        boolean innermost = true;
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null && (!innermost || parser.currentToken() == JsonToken.FIELD_NAME)) {
                path.insert(0, "." + c.getCurrentName());
            }
            innermost = false;
        }
        return path.insert(0, "$").toString();
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's message without its second line and without the "[Source: REDACTED ...]" note in locations. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return SOURCE_NOTE.matcher(line).replaceAll("[");
    }
}
