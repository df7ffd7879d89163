package org.pmlab.itest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pmlab.itest.ErrorLines;

/**
 * The bad-input matrix: every pmlab command (as {@code help --json} describes them, so commands
 * added later are in it without a word) with malformed, out-of-range, missing, extra and
 * hostile arguments and options, plus the cases of issue 10 by hand. All cases run as one script
 * through the launcher ({@code ./pmlab matrix.gogo}); after each case the script prints the
 * machine's state, so each case is checked for:
 * <ul>
 * <li>failing: exactly one error line on stderr, {@code pmlab: matrix.gogo:LINE: ...}, that is one
 * line, shows no Java class name, stack frame or coercion message, and names the argument or
 * the value (or says what is missing or extra);</li>
 * <li>leaving the state as it was: PCI functions with their drivers, power and runtime states and
 * usage counts, every runtime PM device, device links, vfio devices, armed faults, simulated
 * time, and driver_override of the functions a bind touches;</li>
 * <li>leaving the working directory as it was.</li>
 * </ul>
 * The run itself ends with exit status 1 (statements failed).
 */
class BadInputMatrixTest {

    /** The machine the cases run against, set up first: a vfio device open as fd 3, a bare device d0. */
    static final List<String> PRELUDE = List.of(
            "pci:bind 0000:01:00.0 vfio-pci", "vfio:open 0000:01:00.0", "pm:device add d0", "pm:trace on",
            "sim:settle");

    /** The functions whose driver_override a case could touch. */
    static final List<String> OVERRIDES = List.of("0000:00:01.0", "0000:00:1c.0", "0000:01:00.0", "0000:02:00.0");

    /** The state after each case, one statement a line. */
    static final List<String> SNAPSHOT = Stream.concat(Stream.of("pci:list --json", "pm:list --json", "pm:links",
            "vfio:list --json", "sim:fault list", "sim:time", "fw:show --json"),
            OVERRIDES.stream().map(b -> "sysfs:cat /sys/bus/pci/devices/" + b + "/driver_override")).toList();

    static final String MARK = "echo @@case";
    static final String END = "echo @@end";

    /** The word an action argument gets when another argument is the bad one: the harmless ones first. */
    static final List<String> HARMLESS = List.of("show", "list", "probe", "config", "remove", "clear", "off");

    /** One statement that must fail, and what its error line must mention (any one of them). */
    record Case(String statement, List<String> mentions) {
    }

    /** The value of each argument kind that is valid on the prelude's machine, for the other arguments. */
    static final Map<String, String> GOOD = Map.ofEntries(
            Map.entry("Bdf", "0000:01:00.0"), Map.entry("DeviceName", "d0"), Map.entry("DriverName", "vfio-pci"),
            Map.entry("FirmwareName", "acpi-sim"), Map.entry("FaultTarget", "0000:01:00.0"),
            Map.entry("FaultPointName", "runtime_resume"), Map.entry("SysfsPath", "/sys/bus/pci/devices/0000:01:00.0/power/control"),
            Map.entry("HostPath", "out"), Map.entry("SysfsValue", "x"), Map.entry("ErrnoValue", "-EIO"), Map.entry("VfioHandle", "3"),
            Map.entry("Int", "1"), Map.entry("UInt", "1"), Map.entry("U16", "1"), Map.entry("KernelBool", "1"),
            Map.entry("Duration", "1ms"), Map.entry("KernelVersion", "6.18"), Map.entry("PciePortPm", "default"),
            Map.entry("IrqType", "msi"), Map.entry("String", "x"), Map.entry("PciAddresses", "0000:01:00.0"),
            Map.entry("PciClass", "0x0302"), Map.entry("PciIds", "10de:*"), Map.entry("BridgeBdf", "0000:00:01.0"),
            Map.entry("KernelList", "6.1"),
            Map.entry("ScenarioList", "bound-idle"), Map.entry("FirmwareList", "acpi-sim"), Map.entry("AutoBdf", "auto"),
            Map.entry("Watts", "1"), Map.entry("PowerMatch", "gpu"));

    /** Values no argument of the kind accepts, in the user's typing (quoted for Gogo where needed). */
    static final Map<String, List<String>> BAD = Map.ofEntries(
            Map.entry("Bdf", List.of("zz", "0000:01:00.8", "0000:01:20.0", "0000:01:00", "0000:09:00.0", "0000:01:00.0.0", "'*'", "''")),
            Map.entry("DeviceName", List.of("nosuch", "0000:09:00.0", "''", "'a\tb'")),
            Map.entry("DriverName", List.of("nosuch", "''", "'vfio-pci '")),
            Map.entry("FirmwareName", List.of("nod3col", "'*'", "''", "'(firmware.name=*)'")),
            Map.entry("FaultTarget", List.of("nosuch", "''", "0000:09:00.0")),
            Map.entry("FaultPointName", List.of("runtime_resum", "''", "'*'")),
            Map.entry("SysfsPath", List.of("relative", "/sys/nosuch", "/etc/passwd", "/sys/bus/pci/devices/*/power_state",
                    "/sys/../etc/passwd", "''")),
            Map.entry("HostPath", List.of("''", "/sys/pmlab-x", "/proc/self/pmlab-x", "/dev/shm/pmlab-x")),
            Map.entry("ErrnoValue", List.of("EIOX", "0", "-999", "''", "-E")),
            Map.entry("VfioHandle", List.of("-3", "x", "0000:09:00.0", "999", "''", "4294967299")),
            Map.entry("Int", List.of("x", "2147483648", "-2147483649", "1.5", "1e3", "0x10", "''", "4294967396")),
            Map.entry("UInt", List.of("-1", "4294967296", "x", "''", "1.5")),
            Map.entry("U16", List.of("65536", "-1", "4294967298", "x", "''")),
            Map.entry("KernelBool", List.of("maybe", "2", "''", "yesno", "-1")),
            Map.entry("Duration", List.of("100", "-5ms", "1h", "1.5ns", "ms", "''", "99999999999s")),
            Map.entry("KernelVersion", List.of("9.9", "6", "v6.1.2", "''", "6.1.0")),
            Map.entry("PciePortPm", List.of("maybe", "''")),
            Map.entry("IrqType", List.of("msx", "''", "1")),
            Map.entry("PciAddresses", List.of("zz", "0000:01:00.8", "0000:09:00.0", "0000:01:00", "''", "0000:4?:*",
                    "'0000:0f:*.*'", "'0000:01:00.0.*'")),
            Map.entry("PciClass", List.of("zz", "0x3", "''", "0x12345678", "0x0c03")),
            Map.entry("PciIds", List.of("10de", "zz:1", "''", "12345:1", "1af4:*")),
            Map.entry("BridgeBdf", List.of("0000:01:00.0", "0000:09:00.0", "zz", "''")),
            Map.entry("KernelList", List.of("9.9", "5.18,9.9", "5.18,,6.1", "6.1,6.1", "','", "''")),
            Map.entry("ScenarioList", List.of("idle", "open-close,idle", "sriov,sriov", "','", "''")),
            Map.entry("FirmwareList", List.of("nod3col", "acpi-sim,nosuch", "acpi-sim,acpi-sim", "'*'", "''")),
            Map.entry("AutoBdf", List.of("zz", "autox", "0000:01:00.8", "0000:09:00.0", "0000:00:01.0", "''")),
            Map.entry("Watts", List.of("-1", "x", "1e3", "NaN", "4,5", "99999999", "''")),
            Map.entry("PowerMatch", List.of("nosuchclass", "10de", "'*'", "'(match=*)'", "''")),
            Map.entry("word", List.of("bogus", "''", "'*'")));

    /** Statements allowed to succeed: a bad value of one argument that is a good value of this one. */
    static final Set<String> MAY_SUCCEED = Set.of();

    private static Path dir;
    private static List<Case> cases;
    private static Launcher.Run run;
    private static List<String> before;
    private static List<String> after;

    @BeforeAll
    static void runTheMatrix() throws IOException {
        dir = Launcher.workDir();
        Launcher.Run help = Launcher.bash(dir, "./pmlab -c 'help --json'", false);
        assertThat(help.status()).as(help.stderr()).isZero();
        cases = new ArrayList<>(generated(new ObjectMapper().readTree(help.stdout())));
        cases.addAll(byHand());
        StringBuilder script = new StringBuilder();
        PRELUDE.forEach(s -> script.append(s).append('\n'));
        appendSnapshot(script, -1);
        for (int i = 0; i < cases.size(); i++) {
            script.append(cases.get(i).statement()).append('\n');
            appendSnapshot(script, i);
        }
        Files.writeString(dir.resolve("matrix.gogo"), script);
        before = listing(dir);
        run = Launcher.bash(dir, "./pmlab matrix.gogo", false);
        after = listing(dir);
        String keep = System.getProperty("pmlab.matrix.keep");
        if (keep != null) {
            // for a closer look: the script and what it printed
            Path k = Files.createDirectories(Path.of(keep));
            Files.copy(dir.resolve("matrix.gogo"), k.resolve("matrix.gogo"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(k.resolve("stdout.txt"), run.stdout());
            Files.writeString(k.resolve("stderr.txt"), run.stderr());
        }
    }

    private static void appendSnapshot(StringBuilder script, int i) {
        script.append(MARK).append(' ').append(i).append('\n');
        SNAPSHOT.forEach(s -> script.append(s).append('\n'));
        script.append(END).append('\n');
    }

    /** For every command, form and argument: bad values, and the wrong numbers of arguments and options. */
    static List<Case> generated(JsonNode commands) {
        List<Case> out = new ArrayList<>();
        for (JsonNode c : commands) {
            String name = c.get("name").asText();
            if (name.equals("shell:exit") || name.equals("shell:quit")) {
                out.add(new Case(name + " x", List.of("x")));
                out.add(new Case(name + " --bogus", List.of("--bogus")));
                continue;
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            boolean open = false;
            for (JsonNode f : c.get("forms")) {
                List<JsonNode> positionals = new ArrayList<>();
                List<JsonNode> options = new ArrayList<>();
                f.get("params").forEach(p -> (p.get("options").isEmpty() ? positionals : options).add(p));
                min = Math.min(min, positionals.size());
                max = Math.max(max, positionals.size());
                open |= !positionals.isEmpty() && positionals.get(positionals.size() - 1).get("repeated").asBoolean();
                for (int i = 0; i < positionals.size(); i++) {
                    JsonNode p = positionals.get(i);
                    String kind = kind(p);
                    for (String bad : BAD.getOrDefault(kind, List.of())) {
                        List<String> words = new ArrayList<>();
                        words.add(name);
                        for (int j = 0; j < positionals.size(); j++) {
                            words.add(j == i ? bad : good(positionals.get(j)));
                        }
                        out.add(new Case(String.join(" ", words), List.of(p.get("name").asText(), unquote(bad))));
                    }
                }
                for (JsonNode o : options) {
                    String opt = o.get("options").get(o.get("options").size() - 1).asText();
                    String rest = positionals.stream().map(BadInputMatrixTest::good).collect(Collectors.joining(" "));
                    if (!o.get("flag").asBoolean()) {
                        out.add(new Case(name + " " + rest + " " + opt, List.of(opt)));
                        for (String bad : BAD.getOrDefault(kind(o), List.of())) {
                            out.add(new Case(name + " " + opt + " " + bad + " " + rest, List.of(opt, unquote(bad))));
                        }
                    }
                }
            }
            out.add(new Case(name + " --bogus", List.of("--bogus")));
            if (!open) {
                List<String> extra = new ArrayList<>(List.of(name));
                for (int i = 0; i <= max; i++) {
                    extra.add("0000:01:00.0");
                }
                out.add(new Case(String.join(" ", extra), List.of("too many", "takes no arguments", "0000:01:00.0")));
            }
        }
        return out;
    }

    /** The cases of issue 10 and its review, and a few more no generator makes. */
    static List<Case> byHand() {
        return List.of(
                new Case("pm:device remove 0000:01:00.0", List.of("0000:01:00.0")),
                new Case("pm:device remove pci0000:00", List.of("pci0000:00")),
                new Case("pci:bind 0000:00:1c.0 vfio-pci", List.of("bind")),
                new Case("pci:bind 0000:00:1C.0 vfio-pci", List.of("bind")),
                new Case("pci:bind 0000:02:00.0 pcieport", List.of("bind")),
                new Case("pm:schedule_suspend d0 4294967396", List.of("DELAY_MS", "4294967396")),
                new Case("pm:set_autosuspend_delay 0000:01:00.0 2147483648", List.of("DELAY_MS", "2147483648")),
                new Case("vfio:sriov 0000:02:00.0 4294967298", List.of("NUM_VFS", "4294967298")),
                new Case("pm:ignore_children d0 maybe", List.of("ENABLE", "maybe")),
                new Case("sysfs:mirror ''", List.of("DIR", "empty")),
                new Case("sysfs:cat /sys/bus/pci/devices/*/power_state", List.of("/sys/bus/pci/devices/*/power_state")),
                new Case("sysfs:cat //sys/bus/pci", List.of("missing")),
                new Case("sysfs:echo bogus /sys/bus/pci/devices/0000:01:00.0/power/control", List.of("Invalid argument")),
                new Case("sysfs:echo 5 /sys/bus/pci/devices/0000:01:00.0/power/runtime_status", List.of("Permission denied")),
                new Case("pci:import-host --save /sys/pmlab.json", List.of("/sys")),
                new Case("pci:import-host --save /dev/shm/../../sys/pmlab.json", List.of("/sys")),
                new Case("sim:fault add 0000:01:00.0 runtime_resume -EIO --once --bogus", List.of("--bogus")),
                new Case("sim:fault list extra", List.of("extra", "CLEAR", "TARGET")),
                new Case("sim:fault frob", List.of("frob")),
                new Case("vfio:low-power 0000:01:00.0 enter", List.of("enter", "0000:01:00.0")),
                new Case("vfio:low-power --wakeup exit 3", List.of("--wakeup")),
                new Case("pm:get_syn d0", List.of("pm:get_sync")),
                new Case("list", List.of("pci:list")),
                new Case("nosuch:cmd", List.of("nosuch:cmd")),
                new Case("help nosuch:cmd", List.of("nosuch:cmd")),
                new Case("pm:info $undefined", List.of("DEVICE", "no value")),
                new Case("exit 256", List.of("256")),
                new Case("pm:trace bogus", List.of("bogus")),
                // issue 15's bulk commands: selections that select nothing or name a wrong driver bind nothing
                new Case("pci:bind --class 0x0300 --id 1af4:* vfio-pci", List.of("1af4:*")),
                new Case("pci:bind --below 0000:00:01.0 nosuch", List.of("nosuch")),
                new Case("pci:bind '0000:0?:00.*' 'vfio-pci '", List.of("vfio-pci ")),
                new Case("pci:unbind '0000:7?:*.*'", List.of("0000:7?:*.*")),
                new Case("pci:unbind --id 10de:* --below 0000:00:1c.0", List.of("10de:*")),
                // the generator writes nothing when the shape or the file is wrong
                new Case("topology:generate out", List.of("--functions")),
                new Case("topology:generate --functions 10 --root-ports 2 out", List.of("--functions")),
                new Case("topology:generate --root-ports 1 --switch-depth 7 out", List.of("switch depth", "7")),
                new Case("topology:generate --root-ports 1 --fanout 0 out", List.of("downstream ports")),
                new Case("topology:generate --root-ports 1 --endpoints 0 --pfs 0 out", List.of("0 endpoints")),
                new Case("topology:generate --functions 4294967295 out", List.of("PCI domains")),
                new Case("topology:generate --root-ports 1 matrix.gogo", List.of("exists")),
                new Case("topology:generate --root-ports 1 nodir/out", List.of("nodir")),
                new Case("pci:why 0000:01:00", List.of("0000:01:00")),
                new Case("sim:energy --since 99s", List.of("--since", "after now")),
                new Case("sim:energy --since -1s 0000:01:00.0", List.of("--since", "-1s")),
                new Case("sim:energy 0000:01:00.0 0000:09:00.0", List.of("0000:09:00.0")),
                new Case("sim:compare --scenario sriov --device 0000:01:00.0", List.of("0000:01:00.0", "SR-IOV")),
                new Case("sim:compare --window 0s", List.of("--window")),
                new Case("sim:compare --window -10s", List.of("--window", "-10s")),
                new Case("sim:compare --kernels 5.18,4.19", List.of("--kernels", "4.19")),
                new Case("sim:advise 0000:00:01.0", List.of("0000:00:01.0", "bridge")),
                new Case("sim:advise --kernels 4.19 0000:01:00.0", List.of("--kernels", "4.19")),
                new Case("sim:power clear 0000:02:00.0", List.of("0000:02:00.0")),
                new Case("sim:power set gpu", List.of("set", "clear")),
                new Case("sim:power clear gpu d3hot 1", List.of("clear", "set")),
                new Case("sim:power set gpu d3hot -0.5", List.of("WATTS", "-0.5")));
    }

    private static String kind(JsonNode p) {
        return p.get("values").isEmpty() || p.get("kind").asText().equals("IrqType") || p.get("kind").asText().equals("PciePortPm")
                ? p.get("kind").asText() : "word";
    }

    private static String good(JsonNode p) {
        if (p.get("values").isEmpty()) {
            return GOOD.getOrDefault(p.get("kind").asText(), "x");
        }
        List<String> words = new ArrayList<>();
        p.get("values").forEach(v -> words.add(v.asText()));
        return HARMLESS.stream().filter(words::contains).findFirst().orElse(words.get(0));
    }

    private static String unquote(String bad) {
        return bad.startsWith("'") ? bad.substring(1, bad.length() - 1) : bad;
    }

    private static final Pattern ERROR = Pattern.compile("pmlab: matrix\\.gogo:(\\d+): .*");

    @Test
    void theRunFailsAsAScriptWithFailedStatementsDoes() {
        assertThat(run.status()).as("exit status; stderr tail: %s", tail(run.stderr())).isEqualTo(1);
        assertThat(cases.size()).as("cases").isGreaterThan(500);
    }

    @Test
    void theWorkingDirectoryIsAsItWas() {
        assertThat(after).isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedInOneCleanLineAndChangesNothing() {
        Map<Integer, List<String>> errors = new LinkedHashMap<>();
        for (String line : run.stderr().lines().toList()) {
            Matcher m = ERROR.matcher(line);
            int n = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            errors.computeIfAbsent(n, k -> new ArrayList<>()).add(line);
        }
        Map<Integer, String> states = states(run.stdout());
        int perCase = SNAPSHOT.size() + 3;
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("no output outside a statement's error line", () ->
                assertThat(errors.getOrDefault(-1, List.of())).isEmpty()));
        tests.add(DynamicTest.dynamicTest("the prelude and every snapshot succeed", () -> {
            List<Integer> caseLines = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                caseLines.add(line(i, perCase));
            }
            assertThat(errors.keySet().stream().filter(n -> n >= 0 && !caseLines.contains(n)).toList()).isEmpty();
        }));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int line = line(i, perCase);
            int index = i;
            tests.add(DynamicTest.dynamicTest(c.statement(), () -> {
                List<String> lines = errors.getOrDefault(line, List.of());
                if (MAY_SUCCEED.contains(c.statement())) {
                    return;
                }
                {
                    assertThat(lines).as("error lines of line %d", line).hasSize(1);
                    String msg = lines.get(0);
                    assertThat(ErrorLines.problem(msg)).as(msg).isNull();
                    assertThat(c.mentions().stream().anyMatch(m -> !m.isEmpty() && msg.contains(m))
                            || c.mentions().stream().allMatch(String::isEmpty))
                            .as("%s names one of %s", msg, c.mentions()).isTrue();
                }
                assertThat(states.get(index)).as("state after " + c.statement()).isEqualTo(states.get(index - 1));
            }));
        }
        return tests.stream();
    }

    /** The script line of case i: after the prelude and the snapshots before it. */
    private static int line(int i, int perCase) {
        return PRELUDE.size() + (SNAPSHOT.size() + 2) * (i + 1) + i + 1;
    }

    /** The output after each mark, by case index (-1: before the first case). */
    private static Map<Integer, String> states(String stdout) {
        Map<Integer, String> out = new LinkedHashMap<>();
        Integer current = null;
        StringBuilder sb = new StringBuilder();
        for (String l : stdout.split("\n", -1)) {
            if (l.startsWith("@@case ")) {
                current = Integer.parseInt(l.substring(7).trim());
                sb.setLength(0);
            } else if (l.equals("@@end") && current != null) {
                out.put(current, sb.toString());
                current = null;
            } else if (current != null) {
                sb.append(l).append('\n');
            }
        }
        return out;
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            return files.map(p -> d.relativize(p).toString())
                    .filter(n -> !n.startsWith("stdout") && !n.startsWith("stderr")).sorted().toList();
        }
    }

    private static String tail(String s) {
        return s.length() < 2000 ? s : s.substring(s.length() - 2000);
    }

    @AfterAll
    static void cleanUp() {
        if (dir != null) {
            Launcher.delete(dir);
        }
    }
}
