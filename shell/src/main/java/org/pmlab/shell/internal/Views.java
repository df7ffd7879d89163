package org.pmlab.shell.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;
import org.pmlab.sim.api.KernelVersion;

/**
 * How results look: a listing ({@link Rows}) as an aligned table, a record as aligned
 * "key  value" lines (keys are the components' names in the kernel's snake_case), the plain
 * form of both for scripts, and JSON for tools. The one place for each of these shapes.
 */
final class Views {
    private Views() {
    }

    /** The session's output format: {@code pmlab.format = plain} in a script, for instance. */
    enum Format implements Word {
        TABLE("table", "aligned tables and key/value blocks, with headers (the default)"),
        PLAIN("plain", "tab-separated values, no headers, no alignment: for cut, awk and grep"),
        JSON("json", "JSON for tools");

        private final String word;
        private final String description;

        Format(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** The session variable that chooses the format. */
    static final String FORMAT_VARIABLE = "pmlab.format";

    /**
     * Built on the first JSON result, not when the shell starts: an ObjectMapper loads some 300 Jackson
     * classes, which a run that never asks for JSON should not wait for.
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = mapper();
    }

    private static ObjectMapper mapper() {
        SimpleModule values = new SimpleModule("pmlab-values");
        values.addSerializer(Bdf.class, ToStringSerializer.instance);
        values.addSerializer(KernelVersion.class, ToStringSerializer.instance);
        values.addSerializer(PowerState.class, new JsonSerializer<>() {
            @Override
            public void serialize(PowerState v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.label());
            }
        });
        @SuppressWarnings({"unchecked", "rawtypes"})
        JsonSerializer<Word> words = new JsonSerializer<>() {
            @Override
            public void serialize(Word v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.word());
            }
        };
        values.addSerializer(Word.class, words);
        values.addSerializer(Optional.class, new JsonSerializer<>() {
            @Override
            public void serialize(Optional v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v.isPresent()) {
                    p.defaultSerializeValue(v.get(), g);
                } else {
                    g.writeNull();
                }
            }
        });
        return new ObjectMapper().registerModule(values)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    static String json(Object value) {
        try {
            return Mapper.MAPPER.writeValueAsString(value instanceof Rows<?> r ? new ArrayList<>(r) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write this result as JSON: " + e.getOriginalMessage());
        }
    }

    static String table(Rows<?> rows) {
        StringBuilder sb = new StringBuilder();
        table(rows, sb);
        return sb.toString();
    }

    /**
     * The aligned table, written as it goes: a first pass measures the columns, a second writes
     * each line, so a listing of a million rows never exists as cells or lines all at once.
     */
    static <R extends Record> void table(Rows<R> rows, Appendable out) {
        List<String> headers = rows.headers();
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
        }
        for (R r : rows) {
            String[] c = rows.cells(r);
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        try {
            out.append(line(line, headers.toArray(String[]::new), width));
            for (R r : rows) {
                out.append('\n').append(line(line, rows.cells(r), width));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a table: cells padded to their column, two blanks apart, no trailing blanks. */
    private static StringBuilder line(StringBuilder line, String[] cells, int[] width) {
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells[i]);
            if (i < cells.length - 1) {
                for (int n = cells[i].length(); n < width[i]; n++) {
                    line.append(' ');
                }
            }
        }
        int end = line.length();
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        line.setLength(end);
        return line;
    }

    /** One line per row, cells separated by a tab, no header. */
    static String plain(Rows<?> rows) {
        StringBuilder sb = new StringBuilder();
        plain(rows, sb);
        return sb.toString();
    }

    static <R extends Record> void plain(Rows<R> rows, Appendable out) {
        try {
            boolean first = true;
            for (R r : rows) {
                if (!first) {
                    out.append('\n');
                }
                first = false;
                String[] c = rows.cells(r);
                for (int i = 0; i < c.length; i++) {
                    if (i > 0) {
                        out.append('\t');
                    }
                    out.append(c[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record as aligned "key  value" lines, or "key\tvalue" lines when plain. */
    static String keyValues(Record r, boolean plain) {
        KeyValues kv = new KeyValues();
        Map<String, String> m = fields(r);
        if (plain) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> sb.append(sb.length() > 0 ? "\n" : "").append(k).append('\t').append(v));
            return sb.toString();
        }
        m.forEach(kv::put);
        return kv.toString();
    }

    /** The record's components by their snake_case names, as text. */
    static Map<String, String> fields(Record r) {
        Map<String, String> m = new LinkedHashMap<>();
        RecordComponent[] cs = r.getClass().getRecordComponents();
        List<String> cells = cells(r);
        for (int i = 0; i < cs.length; i++) {
            m.put(snake(cs[i].getName()), cells.get(i));
        }
        return m;
    }

    static List<String> cells(Record r) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                c.getAccessor().setAccessible(true);
                out.add(text(c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
        }
        return out;
    }

    /** A value as a cell shows it: "-" for nothing, a word's word, a power state's label. */
    static String text(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Optional<?> o) {
            return o.map(Views::text).orElse("-");
        }
        if (v instanceof Word w) {
            return w.word();
        }
        if (v instanceof PowerState p) {
            return p.label();
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "-" : String.join(",", l.stream().map(Views::text).toList());
        }
        return v.toString();
    }

    /** {@code runtimeStatus} is {@code runtime_status}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
