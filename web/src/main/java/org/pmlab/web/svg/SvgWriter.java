package org.pmlab.web.svg;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an element tree as an SVG document through the JDK's StAX writer (which escapes), one
 * element a line, indented, so a committed picture diffs line by line.
 */
public final class SvgWriter {
    private SvgWriter() {
    }

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    public static String toString(SvgElement root) {
        StringWriter out = new StringWriter();
        write(root, out);
        return out.toString();
    }

    public static void write(SvgElement root, Writer out) {
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            element(xml, root, 0);
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write SVG: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void element(XMLStreamWriter xml, SvgElement e, int depth) throws XMLStreamException {
        boolean empty = e.children().isEmpty() && e.text() == null;
        if (empty) {
            xml.writeEmptyElement(e.name());
        } else {
            xml.writeStartElement(e.name());
        }
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            xml.writeAttribute(a.getKey(), a.getValue());
        }
        if (empty) {
            return;
        }
        if (e.text() != null) {
            xml.writeCharacters(e.text());
        } else {
            for (SvgElement c : e.children()) {
                xml.writeCharacters("\n" + "  ".repeat(depth + 1));
                element(xml, c, depth + 1);
            }
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
        xml.writeEndElement();
    }
}
