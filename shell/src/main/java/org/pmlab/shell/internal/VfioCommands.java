package org.pmlab.shell.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
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
    CommandCatalog.SCOPE_DESCRIPTION + "=what a vfio user does: open, close, resets, SR-IOV, low power, the module parameter",
    "osgi.command.function=list", "osgi.command.function=open", "osgi.command.function=close",
    "osgi.command.function=reset", "osgi.command.function=hot_reset", "osgi.command.function=sriov",
    "osgi.command.function=param", CommandCatalog.ALIAS + "=hot-reset=hot_reset"})
public final class VfioCommands {

    private static final String DRIVER = "vfio-pci";
    static final String HANDLE = "an open device: its BDF, or an fd as vfio:open printed it";

    /** vfio-pci's module parameters. */
    enum ModuleParam implements Word {
        DISABLE_IDLE_D3(VfioService.DISABLE_IDLE_D3, "keep idle devices in D0 (no runtime suspend); taken at the next bind");

        private final String word;
        private final String description;

        ModuleParam(String word, String description) {
            this.word = word;
            this.description = description;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** One line of {@code vfio:list}. */
    record Row(Bdf bdf, String devSet, int open, String needsReset, String resetWorks, String power, String irq,
            String lowPower) {
    }

    /** {@code vfio:param}. */
    record Params(String disableIdleD3) {
    }

    private static final long CONFIG_WAIT_MS = 10_000;

    private final Steps steps;
    private final VfioService vfio;
    private final Settings settings;
    private final BundleContext context;

    @Activate
    public VfioCommands(@Reference Steps steps, @Reference VfioService vfio, @Reference Settings settings,
            BundleContext context) {
        this.steps = steps;
        this.vfio = vfio;
        this.settings = settings;
        this.context = context;
    }

    private VfioUser user(Machine m) {
        return vfio.user(m);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    @Descriptor("list the devices bound to vfio-pci: reset domain, open count, reset state, power state,"
            + " interrupt type, low power")
    @Example("vfio:list")
    public Object list(@Descriptor("print JSON") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        java.util.List<Row> rows = new java.util.ArrayList<>();
        for (VfioDeviceInfo i : user(steps.machine()).devices()) {
            rows.add(new Row(i.bdf(), i.devSet(), i.openCount(), yesNo(i.needsReset()), yesNo(i.resetWorks()),
                    i.power().label(), i.irqType().label(), lowPower(i)));
        }
        Rows<Row> r = Rows.of(Row.class, rows);
        return json ? new Json(r) : r;
    }

    /** "no", "engaged", or "engaged+wakeup" while a wake-up eventfd waits for the first resume. */
    private static String lowPower(VfioDeviceInfo i) {
        if (!i.pmRuntimeEngaged()) {
            return "no";
        }
        return i.pmWakeEventfd() ? "engaged+wakeup" : "engaged";
    }

    @Descriptor("open the device as a vfio user would (VFIO_GROUP_GET_DEVICE_FD); prints the new fd")
    @Example("vfio:open 0000:01:00.0")
    public String open(@Descriptor("a function bound to vfio-pci, DDDD:BB:DD.F") Bdf bdf) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        // an unknown BDF is a usage error; a device not bound to vfio-pci is -ENODEV
        m.pci().get(bdf);
        int mark = steps.begin(m);
        int fd = u.open(bdf);
        String out = steps.end(m, mark, Integer.toString(fd));
        check(fd);
        return out;
    }

    @Descriptor("close an fd; with a BDF, its only open fd")
    @Example("vfio:close 3")
    public String close(@Descriptor(HANDLE) Args.VfioHandle target) {
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
    @Example("vfio:reset 0000:01:00.0")
    public String reset(@Descriptor(HANDLE) Args.VfioHandle target) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        int fd = VfioTargets.anyFd(m, u, target);
        int mark = steps.begin(m);
        int r = u.reset(fd);
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("VFIO_DEVICE_PCI_HOT_RESET: reset the slot or bus of an open device, owning every group of its dev_set")
    @Example("vfio:hot-reset 0000:01:00.0")
    @Example("vfio:hot-reset --groups 0000:03:00.0,0000:03:00.1 0000:03:00.0")
    public String hot_reset(
            @Descriptor("only these devices' groups are passed (comma-separated BDFs)")
            @Parameter(names = {"-g", "--groups"}, absentValue = "") String groups,
            @Descriptor(HANDLE) Args.VfioHandle target) {
        Machine m = steps.machine();
        VfioUser u = user(m);
        Set<Bdf> owned = new HashSet<>();
        if (!groups.isBlank()) {
            for (String s : groups.split(",")) {
                try {
                    owned.add(Bdf.parse(s.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--groups: " + e.getMessage());
                }
            }
        }
        int fd = VfioTargets.anyFd(m, u, target);
        int mark = steps.begin(m);
        int r = groups.isBlank() ? u.hotReset(fd) : u.hotReset(fd, owned);
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("write sriov_numvfs of a PF bound to vfio-pci (0 disables)")
    @Example("vfio:sriov 0000:02:00.0 2")
    public String sriov(@Descriptor("the PF, DDDD:BB:DD.F, bound to vfio-pci") Bdf bdf,
            @Descriptor("how many VFs (a u16, as sriov_numvfs takes it; 0 disables)") Args.U16 numVfs) {
        Machine m = steps.machine();
        m.pci().get(bdf);
        bound(m, bdf);
        int mark = steps.begin(m);
        int r = m.pci().setSriovNumVfs(bdf, numVfs.value());
        String out = steps.end(m, mark, null);
        check(r);
        return out;
    }

    @Descriptor("show or set vfio-pci's module parameters")
    public Params param() {
        return new Params(yn(vfio.disableIdleD3()));
    }

    @Descriptor("show one module parameter (as /sys/module/vfio_pci/parameters shows it)")
    public String param(@Descriptor("the parameter") ModuleParam name) {
        return yn(vfio.disableIdleD3());
    }

    @Descriptor("set a module parameter through Config Admin (vfio.pci.core); refused while devices are bound to vfio-pci")
    @Example("vfio:param disable_idle_d3 Y")
    public String param(@Descriptor("the parameter") ModuleParam name,
            @Descriptor("Y or N (also 1/0, on/off, yes/no, true/false)") Args.KernelBool value) {
        boolean v = value.value();
        refuseWhileBound(v);
        settings.update(VfioService.PID, VfioService.DISABLE_IDLE_D3, v);
        awaitParam(v);
        return name.word() + "=" + yn(v) + " (takes effect when a device is next bound)";
    }

    /**
     * vfio-pci hands {@code disable_idle_d3} to vfio-pci-core once, when the module loads
     * ({@code vfio_pci_core_set_params}); changing it means reloading the module, which unbinds
     * every device. So a change is refused while any device is bound to vfio-pci.
     */
    private void refuseWhileBound(boolean v) {
        if (v == vfio.disableIdleD3()) {
            return;
        }
        List<String> bound;
        try {
            bound = vfio.user(steps.machine()).devices().stream().map(d -> d.bdf().toString()).toList();
        } catch (IllegalArgumentException notLoaded) {
            return;
        }
        if (!bound.isEmpty()) {
            throw new IllegalStateException("disable_idle_d3 is handed to vfio-pci-core when the module loads: "
                    + "unbind the " + (bound.size() == 1 ? "device" : bound.size() + " devices")
                    + " bound to vfio-pci first (" + String.join(", ", bound) + ")");
        }
    }

    /**
     * Config Admin delivers the update to vfio-pci on another thread; SCR then publishes the new
     * value as a property of the VfioService registration, which a service tracker sees without
     * polling.
     */
    private void awaitParam(boolean v) {
        String has = "(" + VfioService.DISABLE_IDLE_D3 + "=true)";
        String filter = "(&(" + Constants.OBJECTCLASS + "=" + VfioService.class.getName() + ")"
                + (v ? has : "(!" + has + ")") + ")";
        ServiceTracker<VfioService, VfioService> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        try {
            if (tracker.waitForService(CONFIG_WAIT_MS) == null || vfio.disableIdleD3() != v) {
                throw new IllegalStateException("vfio:param: Config Admin did not deliver disable_idle_d3 within "
                        + CONFIG_WAIT_MS / 1000 + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("vfio:param: interrupted", e);
        } finally {
            tracker.close();
        }
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
