package org.pmlab.topology.api;

/** A topology that cannot be loaded: where the problem is and what it is. */
public class TopologyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String jsonPath;
    private final String problem;

    /**
     * @param source the file name (or another name for the text)
     * @param jsonPath where in the document, e.g. {@code $.devices[2].parent}
     */
    public TopologyException(String source, String jsonPath, String problem) {
        super(source + ": " + jsonPath + ": " + problem);
        this.source = source;
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public String jsonPath() {
        return jsonPath;
    }

    public String problem() {
        return problem;
    }
}
