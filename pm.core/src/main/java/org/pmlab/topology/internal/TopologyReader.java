package org.pmlab.topology.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pmlab.topology.api.DeviceSpec;
import org.pmlab.topology.api.Topology;
import org.pmlab.topology.api.TopologyException;

/**
 * Reads topology text. The devices array streams past one element at a time, each turned into a small tree and
 * mapped at once, so a host with 100k functions never holds a tree of the whole document. Syntax errors become
 * {@link TopologyException}s with the JSONPath and line and column where the parser stopped.
 */
final class TopologyReader {

    private static final Pattern SOURCE_NOTE = Pattern.compile("\\[Source: [^;]*; ");

    private final ObjectMapper mapper;

    TopologyReader() {
        // A repeated key would otherwise silently override the first one.
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.mapper = new ObjectMapper(factory);
    }

    Topology read(String json, String source) {
        SpecReader specs = new SpecReader(source);
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            try {
                return document(parser, specs, source);
            } catch (JsonProcessingException e) {
                throw new TopologyException(source, pathOf(parser),
                        "malformed JSON " + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
            }
        } catch (IOException e) {
            // Reading from a String fails only on malformed input, handled above.
            throw new UncheckedIOException(e);
        }
    }

    private Topology document(JsonParser parser, SpecReader specs, String source) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new TopologyException(source, "$", "the document is empty; expected a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new TopologyException(source, "$", "expected an object, got " + JsonFields.describe(mapper.readTree(parser)));
        }
        ObjectNode top = mapper.createObjectNode();
        List<DeviceSpec> devices = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("devices") && value == JsonToken.START_ARRAY) {
                devices = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode element = mapper.readTree(parser);
                    devices.add(specs.device(JsonFields.of(source, "$.devices[" + devices.size() + "]", element)));
                }
            } else {
                top.set(field, mapper.readTree(parser));
            }
        }
        if (parser.nextToken() != null) {
            throw new TopologyException(source, "$", "unexpected content after the top-level object " + at(parser.currentLocation()));
        }
        return specs.topology(JsonFields.of(source, "$", top), devices);
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
