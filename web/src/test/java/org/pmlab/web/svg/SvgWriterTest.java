package org.pmlab.web.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class SvgWriterTest {

    @Test
    void textAndAttributesAreEscapedSoTheDocumentParses() throws Exception {
        SvgElement svg = Svg.document(100, 50);
        svg.add(Svg.text(1, 2, "a <b> & \"c\"")).fill("#000");
        svg.add(Svg.rect(0, 0, 10.126, 5)).tooltip("x < y & z");
        String out = SvgWriter.toString(svg);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(out)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(Svg.NAMESPACE);
        assertThat(doc.getElementsByTagName("text").item(0).getTextContent()).isEqualTo("a <b> & \"c\"");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("x < y & z");
        assertThat(out).contains("width=\"10.13\"");
    }

    @Test
    void numbersAreLocaleFreeWithoutTrailingZeros() {
        assertThat(SvgElement.number(12.0)).isEqualTo("12");
        assertThat(SvgElement.number(0.5)).isEqualTo("0.5");
        assertThat(SvgElement.number(-0.001)).isEqualTo("0");
        assertThat(SvgElement.number(1e7)).isEqualTo("10000000");
        assertThatThrownBy(() -> SvgElement.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneElementALineSoAPictureDiffsLineByLine() {
        SvgElement svg = Svg.document(10, 10).with(Svg.group().with(Svg.rect(0, 0, 1, 1)));
        assertThat(SvgWriter.toString(svg).lines()).hasSizeGreaterThanOrEqualTo(5);
    }
}
