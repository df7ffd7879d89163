package org.pmlab.web.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the page's buttons do: each action is the shell command a user would type, run through
 * Gogo's command processor, so it goes through the same services, the same checks and the same
 * settling as at the prompt, and is refused with the same one-line error. The page's values
 * reach the command as session variables, never as command text, so nothing typed in the page
 * can become another command. One action runs at a time.
 */
@Component(service = Actions.class)
public final class Actions {

    /** An action the page may ask for: its command, and which of device and value it needs. */
    enum Kind {
        BIND("pci:bind $device $value", true, true),
        UNBIND("pci:unbind $device", true, false),
        OPEN("vfio:open $device", true, false),
        CLOSE("vfio:close $device", true, false),
        LOW_POWER_ENTER("vfio:low_power $device enter", true, false),
        LOW_POWER_EXIT("vfio:low_power $device exit", true, false),
        /** {@code echo VALUE > power/control}: "on" or "auto". */
        CONTROL("sysfs:echo $value $path", true, true),
        FIRMWARE("fw:use $value", false, true),
        ADVANCE("sim:advance $value", false, true),
        SETTLE("sim:settle", false, false);

        final String command;
        final boolean needsDevice;
        final boolean needsValue;

        Kind(String command, boolean needsDevice, boolean needsValue) {
            this.command = command;
            this.needsDevice = needsDevice;
            this.needsValue = needsValue;
        }

        /** The word the page and scripts use: "low-power-enter". */
        String word() {
            return name().toLowerCase().replace('_', '-');
        }

        static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word().equals(word)) {
                    return k;
                }
            }
            throw new BadRequest("unknown action '" + word + "': expected one of " + String.join(", ",
                    java.util.Arrays.stream(values()).map(Kind::word).toList()));
        }
    }

    /** A request the page should never send: missing or malformed fields. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /**
     * The outcome, as the shell would show it.
     *
     * @param command the command line a user would type for the same action
     * @param output what the command printed and returned, or null
     * @param error the one-line error, or null when it succeeded
     */
    record Outcome(boolean ok, String command, String output, String error) {
    }

    /** Values the page sends; a device is a BDF, a value one word (a driver, a duration, "on"). */
    private static final Pattern DEVICE = Pattern.compile("[0-9A-Fa-f]{4}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-7]");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

    private final CommandProcessor processor;

    @Activate
    public Actions(@Reference CommandProcessor processor) {
        this.processor = processor;
    }

    /** @throws BadRequest when the action is unknown or lacks what it needs */
    synchronized Outcome run(String action, String device, String value) {
        Kind kind = Kind.of(action == null ? "" : action);
        Map<String, String> vars = new LinkedHashMap<>();
        if (kind.needsDevice) {
            if (device == null || !DEVICE.matcher(device).matches()) {
                throw new BadRequest("action " + kind.word() + " needs a device (DDDD:BB:DD.F)");
            }
            vars.put("device", device);
            vars.put("path", "/sys/bus/pci/devices/" + device + "/power/control");
        }
        if (kind.needsValue) {
            if (value == null || !VALUE.matcher(value).matches()) {
                throw new BadRequest("action " + kind.word() + " needs a value (one word)");
            }
            vars.put("value", value);
        }
        String shown = shown(kind.command, vars);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            vars.forEach(session::put);
            Object result = session.execute(kind.command);
            out.flush();
            String printed = buffer.toString(StandardCharsets.UTF_8).strip();
            String returned = result == null ? "" : String.valueOf(session.format(result, Converter.INSPECT)).strip();
            String all = (printed + (printed.isEmpty() || returned.isEmpty() ? "" : "\n") + returned).strip();
            return new Outcome(true, shown, all.isEmpty() ? null : all, null);
        } catch (Exception e) {
            return new Outcome(false, shown, null, message(e));
        }
    }

    /** As the script runner reports a failed statement: the exception's own sentence. */
    private static String message(Throwable failure) {
        String m = failure.getMessage();
        return m == null || m.isBlank() ? failure.getClass().getSimpleName() : m.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The command line with the values in place, for the page to show what it ran. */
    static String shown(String command, Map<String, String> vars) {
        String s = command;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            s = s.replace("$" + v.getKey(), v.getValue());
        }
        return s;
    }

    static List<String> words() {
        return java.util.Arrays.stream(Kind.values()).map(Kind::word).toList();
    }
}
