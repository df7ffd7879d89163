package org.pmlab.view.api;

/**
 * A drawn timeline.
 *
 * @param svg the SVG document
 * @param lanes how many lanes it has
 * @param markers how many markers it shows
 */
public record TimelinePicture(String svg, int lanes, int markers, long fromNs, long toNs) {
}
