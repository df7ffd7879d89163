package org.pmlab.topology.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;

/**
 * Jackson's pretty printer, but objects and arrays nested deeper than a device's own fields stay on one line:
 * a device reads as one block with its {@code pm}, {@code sriov} and {@code acpi} on a line each, which keeps
 * large topologies diffable and a fraction of the size. Line ends are always {@code \n}, on every platform.
 */
final class TopologyPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    /** Nesting of a device's fields: the document object, the devices array, the device object. */
    private static final int DEEPEST_MULTILINE = 3;

    private static final Separators SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");

    private static final Indenter INDENTER = new Indenter() {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            if (level > DEEPEST_MULTILINE) {
                g.writeRaw(' ');
            } else {
                g.writeRaw('\n');
                for (int i = 0; i < level; i++) {
                    g.writeRaw("  ");
                }
            }
        }

        @Override
        public boolean isInline() {
            return false;
        }
    };

    TopologyPrettyPrinter() {
        super(SEPARATORS);
        _objectIndenter = INDENTER;
        _arrayIndenter = INDENTER;
    }

    private TopologyPrettyPrinter(TopologyPrettyPrinter base) {
        super(base);
    }

    @Override
    public TopologyPrettyPrinter createInstance() {
        return new TopologyPrettyPrinter(this);
    }

    // The closing bracket of a one-line value is written at the enclosing level, which would break the line.
    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (_nesting > DEEPEST_MULTILINE) {
            _nesting--;
            g.writeRaw(entries > 0 ? " }" : "}");
        } else {
            super.writeEndObject(g, entries);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (_nesting > DEEPEST_MULTILINE) {
            _nesting--;
            g.writeRaw(values > 0 ? " ]" : "]");
        } else {
            super.writeEndArray(g, values);
        }
    }
}
