package org.pmlab.web.svg;

/** Factories for the SVG elements pmlab draws with. */
public final class Svg {
    private Svg() {
    }

    public static final String NAMESPACE = "http://www.w3.org/2000/svg";

    /** The root element of a picture of the given size in pixels. */
    public static SvgElement document(double width, double height) {
        return new SvgElement("svg").attr("xmlns", NAMESPACE).attr("width", width).attr("height", height)
                .attr("viewBox", "0 0 " + SvgElement.number(width) + " " + SvgElement.number(height));
    }

    public static SvgElement group() {
        return new SvgElement("g");
    }

    public static SvgElement defs() {
        return new SvgElement("defs");
    }

    public static SvgElement style(String css) {
        return new SvgElement("style").text(css);
    }

    public static SvgElement rect(double x, double y, double width, double height) {
        return new SvgElement("rect").attr("x", x).attr("y", y).attr("width", Math.max(0, width))
                .attr("height", Math.max(0, height));
    }

    public static SvgElement line(double x1, double y1, double x2, double y2) {
        return new SvgElement("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
    }

    /** A closed shape through the points {@code x0, y0, x1, y1, ...}. */
    public static SvgElement polygon(double... xy) {
        if (xy.length < 6 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs at least three x,y pairs");
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                points.append(' ');
            }
            points.append(SvgElement.number(xy[i])).append(',').append(SvgElement.number(xy[i + 1]));
        }
        return new SvgElement("polygon").attr("points", points.toString());
    }

    /** Text whose baseline starts (or, with {@link SvgElement#anchor}, centres or ends) at x, y. */
    public static SvgElement text(double x, double y, String content) {
        return new SvgElement("text").attr("x", x).attr("y", y).text(content);
    }

    /**
     * Diagonal hatching, for filling a shape with {@code url(#id)}: lines of {@code ink} every
     * {@code spacing} pixels over a transparent background.
     */
    public static SvgElement hatch(String id, String ink, double spacing) {
        SvgElement p = new SvgElement("pattern").id(id).attr("patternUnits", "userSpaceOnUse")
                .attr("width", spacing).attr("height", spacing).attr("patternTransform", "rotate(45)");
        p.add(line(0, 0, 0, spacing).stroke(ink, spacing / 2.5));
        return p;
    }

    /** A reference to a pattern or gradient, as a fill value. */
    public static String url(String id) {
        return "url(#" + id + ")";
    }
}
