package org.pmlab.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The launcher's bundle set starts, and Gogo runs commands in it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformSmokeTest {

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    @Configuration
    public Option[] config() {
        return new Option[] {PmlabOptions.launcher()};
    }

    @Test
    public void everyPmlabBundleIsActive() {
        Map<String, Integer> states = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.pmlab.")) {
                states.put(bundle.getSymbolicName(), bundle.getState());
            }
        }
        Set<String> expected = PmlabOptions.REACTOR.stream().map(name -> "org.pmlab." + name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, states.keySet());
        states.forEach((name, state) -> assertEquals(name + " state", Bundle.ACTIVE, (int) state));
    }

    @Test
    public void gogoRunsACommandThroughTheCommandProcessor() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String listing;
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            // lb returns its table; a command may also print: take both, as the console shows both
            Object result = session.execute("lb -s org.pmlab");
            listing = out.toString(StandardCharsets.UTF_8) + session.format(result, Converter.INSPECT);
        }
        for (String name : PmlabOptions.REACTOR) {
            assertTrue("lb lists org.pmlab." + name + " as Active:\n" + listing,
                    Pattern.compile("\\|Active\\s*\\|.*\\|org\\.pmlab\\." + Pattern.quote(name) + "\\b").matcher(listing).find());
        }
    }

    /** Guards against drift: a bundle added to the launcher must be provisioned here too. */
    @Test
    public void provisionsEveryBundleTheLauncherRuns() throws IOException {
        Set<String> launcher = runBundles(Path.of(PmlabOptions.required("pmlab.launcher.bndrun")));
        Set<String> installed = Arrays.stream(context.getBundles()).map(Bundle::getSymbolicName)
                .collect(Collectors.toCollection(TreeSet::new));
        launcher.removeAll(installed);
        assertTrue("launcher bundles missing from PmlabOptions: " + launcher, launcher.isEmpty());
    }

    /** The symbolic names in a resolved bndrun's -runbundles. */
    private static Set<String> runBundles(Path bndrun) throws IOException {
        String text = Files.readString(bndrun);
        int start = text.indexOf("-runbundles:");
        assertTrue("no -runbundles in " + bndrun, start >= 0);
        // the instruction is one logical line: join its backslash continuations
        String value = text.substring(start).replaceAll("\\\\\\r?\\n", " ").lines().findFirst().orElse("");
        Matcher entry = Pattern.compile("([\\w.\\-]+);version='[^']*'").matcher(value);
        Set<String> names = new TreeSet<>();
        while (entry.find()) {
            names.add(entry.group(1));
        }
        assertTrue("-runbundles of " + bndrun + " parsed as empty", !names.isEmpty());
        return names;
    }
}
