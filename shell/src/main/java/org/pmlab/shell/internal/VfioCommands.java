package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDevice;
import org.pmlab.pm.api.Errno;
import org.pmlab.vfio.api.VfioDeviceInfo;
import org.pmlab.vfio.api.VfioService;
import org.pmlab.vfio.api.VfioUser;

/**
 * The {@code vfio:} scope: what a vfio user does on the live machine (open, close, the reset
 * ioctls), SR-IOV on a PF bound to vfio-pci, and the module parameter. A failing call throws
 * one line naming the command, its argument and the kernel errno.
 */
@Component(service = Object.class, property = {"osgi.command.scope=vfio",
    "osgi.command.function=list", "osgi.command.function=open", "osgi.command.function=close",
    "osgi.command.function=reset", "osgi.command.function=hot_reset", "osgi.command.function=sriov",
    "osgi.command.function=param", CommandAliases.PROPERTY + "=hot-reset=hot_reset"})
public final class VfioCommands {

    private static final String DRIVER = "vfio-pci";
    private static final long CONFIG_WAIT_MS = 10_000;

    private final Steps steps;
    private final VfioService vfio;
    private final ConfigurationAdmin cm;

    @Activate
    public VfioCommands(@Reference Steps steps, @Reference VfioService vfio, @Reference ConfigurationAdmin cm) {
        this.steps = steps;
        this.vfio = vfio;
        this.cm = cm;
    }

    private VfioUser user(Machine m) {
        return vfio.user(m);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    @Descriptor("list the devices bound to vfio-pci: reset domain, open count, reset state, power state,"
            + " interrupt type, low power")
    public String list() {
        Table t = new Table("BDF", "DEV_SET", "OPEN", "NEEDS_RESET", "RESET_WORKS", "POWER", "IRQ", "LOW_POWER");
        for (VfioDeviceInfo i : user(steps.machine()).devices()) {
            t.row(i.bdf(), i.devSet(), i.openCount(), yesNo(i.needsReset()), yesNo(i.resetWorks()), i.power().label(),
                    i.irqType().label(), lowPower(i));
        }
        return t.toString();
    }

    /** "no", "engaged", or "engaged+wakeup" while a wake-up eventfd waits for the first resume. */
    private static String lowPower(VfioDeviceInfo i) {
        if (!i.pmRuntimeEngaged()) {
            return "no";
        }
        return i.pmWakeEventfd() ? "engaged+wakeup" : "engaged";
    }

    @Descriptor("open the device as a vfio user would (VFIO_GROUP_GET_DEVICE_FD); prints the new fd")
    public String open(@Descriptor("DDDD:BB:DD.F, bound to vfio-pci") String bdfText) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        // an unknown BDF is a usage error; a device not bound to vfio-pci is -ENODEV
        Bdf bdf = Lookup.pci(m, bdfText).bdf();
        int mark = steps.begin(m);
        int fd = u.open(bdf);
        String out = steps.end(m, mark, Integer.toString(fd));
        check(fd);
        return out;
    }

    @Descriptor("close an fd; with a BDF, its only open fd")
    public String close(@Descriptor("DDDD:BB:DD.F or an fd number") String target) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        int fd = VfioTargets.onlyFd(m, u, target);
        int mark = steps.begin(m);
        int r = u.close(fd);
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("VFIO_DEVICE_RESET: a function reset of an open device")
    public String reset(@Descriptor("DDDD:BB:DD.F, open") String bdfText) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        Bdf bdf = Lookup.pci(m, bdfText).bdf();
        int fd = VfioTargets.anyFd(u, bdf);
        int mark = steps.begin(m);
        int r = u.reset(fd);
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("VFIO_DEVICE_PCI_HOT_RESET: reset the slot or bus of an open device, owning every group of its dev_set")
    public String hot_reset(
            @Descriptor("only these devices' groups are passed (comma-separated BDFs)")
            @Parameter(names = {"-g", "--groups"}, absentValue = "") String groups,
            @Descriptor("DDDD:BB:DD.F, open") String bdfText) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        Bdf bdf = Lookup.pci(m, bdfText).bdf();
        int fd = VfioTargets.anyFd(u, bdf);
        int mark = steps.begin(m);
        int r;
        if (groups.isBlank()) {
            r = u.hotReset(fd);
        } else {
            Set<Bdf> owned = new HashSet<>();
            for (String s : groups.split(",")) {
                owned.add(Lookup.bdf(s.trim()));
            }
            r = u.hotReset(fd, owned);
        }
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("write sriov_numvfs of a PF bound to vfio-pci (0 disables)")
    public String sriov(@Descriptor("DDDD:BB:DD.F of the PF") String bdfText, @Descriptor("number of VFs") int numVfs) {
        Machine m = steps.machine();
        Bdf bdf = Lookup.pci(m, bdfText).bdf();
        bound(m, bdf);
        int mark = steps.begin(m);
        int r = m.pci().setSriovNumVfs(bdf, numVfs);
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("show the module parameters of vfio-pci")
    public String param() {
        return new KeyValues().put(VfioService.DISABLE_IDLE_D3, yn(vfio.disableIdleD3())).toString();
    }

    @Descriptor("show one module parameter (as /sys/module/vfio_pci/parameters shows it)")
    public String param(@Descriptor("disable_idle_d3") String name) {
        checkName(name);
        return yn(vfio.disableIdleD3());
    }

    @Descriptor("set a module parameter through Config Admin (vfio.pci.core); devices take it when next bound")
    public String param(@Descriptor("disable_idle_d3") String name, @Descriptor("Y or N (also 1/0, on/off)") String value) {
        checkName(name);
        boolean v = parseBool(value);
        Configuration c;
        try {
            c = cm.getConfiguration(VfioService.PID, "?");
            Dictionary<String, Object> old = c.getProperties();
            Hashtable<String, Object> next = new Hashtable<>();
            if (old != null) {
                for (var e = old.keys(); e.hasMoreElements();) {
                    String k = e.nextElement();
                    next.put(k, old.get(k));
                }
            }
            next.put(VfioService.DISABLE_IDLE_D3, v);
            c.update(next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitParam(v);
        return name + "=" + yn(v) + " (takes effect when a device is next bound)";
    }

    /** Config Admin delivers the update to vfio-pci on another thread. */
    private void awaitParam(boolean v) {
        long deadline = System.nanoTime() + CONFIG_WAIT_MS * 1_000_000L;
        while (vfio.disableIdleD3() != v) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vfio:param: Config Admin did not deliver disable_idle_d3 within "
                        + CONFIG_WAIT_MS / 1000 + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("vfio:param: interrupted", e);
            }
        }
    }

    private static void checkName(String name) {
        if (!VfioService.DISABLE_IDLE_D3.equals(name)) {
            throw new IllegalArgumentException("unknown vfio-pci parameter '" + name + "': expected disable_idle_d3");
        }
    }

    /** The kernel's kstrtobool: y/Y/1/on are true, n/N/0/off false. */
    private static boolean parseBool(String text) {
        String t = text.trim().toLowerCase();
        return switch (t) {
            case "y", "yes", "1", "on", "true" -> true;
            case "n", "no", "0", "off", "false" -> false;
            default -> throw new IllegalArgumentException("bad value '" + text + "' for disable_idle_d3: expected Y or N");
        };
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }

    private static void bound(Machine m, Bdf bdf) {
        PciDevice d = m.pci().get(bdf);
        if (!d.driver().filter(DRIVER::equals).isPresent()) {
            throw new IllegalArgumentException(bdf + " is not bound to vfio-pci (driver: " + d.driver().orElse("none") + ")");
        }
    }

    /**
     * A negative result becomes the one-line error; the script runner prefixes the statement,
     * giving e.g. "vfio:open 0000:01:00.0: -EIO (-5)".
     */
    static void check(int ret) {
        if (ret < 0) {
            throw new IllegalStateException(Errno.describe(ret));
        }
    }
}
