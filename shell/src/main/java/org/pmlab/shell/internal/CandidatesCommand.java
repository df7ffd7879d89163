package org.pmlab.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code shell:candidates LINE}: what Tab would offer at the end of LINE, as a listing (like
 * bash's {@code compgen}): the console's own completion, run without a terminal, so scripts,
 * tests and editors can ask for it.
 */
@Component(service = CandidatesCommand.class, property = {CommandCatalog.SCOPE + "=shell",
    CommandCatalog.FUNCTION + "=candidates"})
public final class CandidatesCommand {

    /** One completion candidate. */
    record Row(String value, String description) {
    }

    private final CommandCatalog catalog;
    private final ArgumentCandidates candidates;

    @Activate
    public CandidatesCommand(@Reference CommandCatalog catalog, @Reference ArgumentCandidates candidates) {
        this.catalog = catalog;
        this.candidates = candidates;
    }

    @Descriptor("what Tab offers at the end of a command line, with descriptions")
    @Example("shell:candidates 'pci:info '")
    @Example("shell:candidates 'vfio:low-power '")
    public Rows<Row> candidates(CommandSession session,
            @Descriptor("the line as typed so far, quoted; completion is for its last word") String line) {
        ParsedLine parsed = new Parser().parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE);
        List<Candidate> found = new ArrayList<>();
        new Completers.Completer(new Completion(session, catalog, () -> candidates)).complete(null, parsed, found);
        List<Row> rows = new ArrayList<>();
        for (Candidate c : found) {
            if (c.value().startsWith(parsed.word())) {
                rows.add(new Row(c.value(), c.descr()));
            }
        }
        rows.sort(java.util.Comparator.comparing(Row::value));
        return Rows.of(Row.class, rows);
    }
}
