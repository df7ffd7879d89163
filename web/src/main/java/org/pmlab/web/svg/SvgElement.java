package org.pmlab.web.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SVG element: a name, attributes in the order they were set, child elements or text. Built
 * through {@link Svg}'s factories and the typed setters here; {@link SvgWriter} serialises it,
 * escaping every attribute and text, so no markup is ever assembled by hand.
 */
public final class SvgElement {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<SvgElement> children = new ArrayList<>();
    private String text;

    SvgElement(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<SvgElement> children() {
        return Collections.unmodifiableList(children);
    }

    /** The element's text content, or null for none. */
    public String text() {
        return text;
    }

    SvgElement attr(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    SvgElement attr(String key, double value) {
        return attr(key, number(value));
    }

    SvgElement text(String content) {
        this.text = content;
        return this;
    }

    /** Appends a child and returns it, for building nested content. */
    public SvgElement add(SvgElement child) {
        if (text != null) {
            throw new IllegalStateException("<" + name + "> has text content and cannot take child elements");
        }
        children.add(child);
        return child;
    }

    /** Appends children and returns this element. */
    public SvgElement with(SvgElement... more) {
        for (SvgElement c : more) {
            add(c);
        }
        return this;
    }

    public SvgElement id(String id) {
        return attr("id", id);
    }

    public SvgElement cssClass(String cls) {
        return attr("class", cls);
    }

    public SvgElement fill(String paint) {
        return attr("fill", paint);
    }

    public SvgElement stroke(String paint, double width) {
        attr("stroke", paint);
        return attr("stroke-width", width);
    }

    public SvgElement dash(double on, double off) {
        return attr("stroke-dasharray", number(on) + " " + number(off));
    }

    public SvgElement opacity(double o) {
        return attr("opacity", o);
    }

    public SvgElement fontSize(double px) {
        return attr("font-size", px);
    }

    /** The font families to try, in order, e.g. "DejaVu Sans, Verdana, sans-serif". */
    public SvgElement fontFamily(String families) {
        return attr("font-family", families);
    }

    public SvgElement fontWeight(String weight) {
        return attr("font-weight", weight);
    }

    /** {@code start}, {@code middle} or {@code end}. */
    public SvgElement anchor(String textAnchor) {
        return attr("text-anchor", textAnchor);
    }

    /** A data attribute for scripts and tests ({@code data-NAME}). */
    public SvgElement data(String key, String value) {
        return attr("data-" + key, value);
    }

    /** Adds a {@code <title>}: the tooltip a browser shows on hover. */
    public SvgElement tooltip(String content) {
        add(new SvgElement("title").text(content));
        return this;
    }

    /** Numbers as SVG wants them: at most two decimals, no exponent, no trailing zeros, locale-free. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.toPlainString();
    }
}
