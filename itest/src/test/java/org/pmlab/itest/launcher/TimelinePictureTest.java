package org.pmlab.itest.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The scenario through the exported launcher: trace on, bind, open, close, settle,
 * {@code sim:timeline --out}. The picture has one lane per device and is the one README shows
 * (docs/images/timeline.svg, compared here so it cannot drift).
 */
class TimelinePictureTest {

    static final String SCENARIO = "pm:trace on; pci:bind 0000:01:00.0 vfio-pci; vfio:open 0000:01:00.0; "
            + "vfio:close 0000:01:00.0; sim:settle; sim:timeline --out timeline.svg; pci:list";

    @Test
    void theScenarioDrawsOneLanePerDeviceAndReadmeShowsExactlyThisPicture() throws Exception {
        Path dir = Path.of("target", "timeline");
        PmlabProcess.Result r = PmlabProcess.script(SCENARIO, dir);
        assertThat(r.status()).as(r.output()).isZero();
        Matcher wrote = Pattern.compile("wrote (\\S+): (\\d+) lanes").matcher(r.output());
        assertThat(wrote.find()).as(r.output()).isTrue();
        Path svg = dir.resolve("timeline.svg");
        assertThat(Path.of(wrote.group(1))).isEqualTo(svg.toAbsolutePath());

        String text = Files.readString(svg, StandardCharsets.UTF_8);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        int deviceLanes = 0;
        int lanes = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("lane")) {
                lanes++;
                if (g.getAttribute("data-kind").equals("device")) {
                    deviceLanes++;
                }
            }
        }
        long devices = r.output().lines().filter(l -> l.matches("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\d .*"))
                .count();
        assertThat(deviceLanes).as("one lane per device in pci:list").isEqualTo((int) devices).isPositive();
        assertThat(lanes).isEqualTo(Integer.parseInt(wrote.group(2)));
        assertThat(text).contains("data-label=\"bind vfio-pci\"").contains("data-power=\"D3cold\"")
                .contains("data-status=\"suspending\"").contains("data-kind=\"resource-off\"");

        DocsImages.publish(svg, "timeline.svg");
        Path committed = DocsImages.committed("timeline.svg");
        assertThat(Files.exists(committed)).as("%s exists (make it with mvn verify -Dpmlab.docs.update=true)", committed)
                .isTrue();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as("README's timeline is what the scenario draws now (update with -Dpmlab.docs.update=true)")
                .isEqualTo(text);
    }
}
