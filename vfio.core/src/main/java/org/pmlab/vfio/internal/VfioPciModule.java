package org.pmlab.vfio.internal;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.DriverContext;
import org.pmlab.pci.api.PciDriver;
import org.pmlab.pci.api.PciDriverProvider;
import org.pmlab.vfio.api.VfioService;
import org.pmlab.vfio.api.VfioUser;

/**
 * The vfio-pci module: a driver per machine for the lab to register, its parameter from Config
 * Admin, and the user's view of each machine's driver.
 */
@Component(service = {PciDriverProvider.class, VfioService.class},
        property = PciDriverProvider.DRIVER_NAME + "=" + VfioPciDriver.NAME,
        configurationPid = VfioService.PID)
@Designate(ocd = VfioPciModule.Config.class)
public class VfioPciModule implements PciDriverProvider, VfioService {

    @ObjectClassDefinition(name = "vfio-pci core",
            description = "Parameters of the vfio-pci module (vfio_pci_core_set_params)")
    @interface Config {
        /** Maps to the property {@code disable_idle_d3}: a double low line stands for one. */
        @AttributeDefinition(name = "disable_idle_d3",
                description = "Keep unused devices out of low power (read when a device is bound)")
        boolean disable__idle__d3() default false;
    }

    private volatile boolean disableIdleD3;
    /** The driver created for each machine, by machine id; the machine's bus keeps it alive. */
    private final Map<Long, WeakReference<VfioPciDriver>> drivers = new ConcurrentHashMap<>();

    @Activate
    @Modified
    void configure(Config config) {
        disableIdleD3 = config.disable__idle__d3();
    }

    @Override
    public String driverName() {
        return VfioPciDriver.NAME;
    }

    @Override
    public PciDriver create(DriverContext machine) {
        drivers.values().removeIf(r -> r.get() == null);
        VfioPciDriver d = new VfioPciDriver(machine, () -> disableIdleD3);
        drivers.put(machine.machineId(), new WeakReference<>(d));
        return d;
    }

    @Override
    public VfioUser user(Machine machine) {
        WeakReference<VfioPciDriver> ref = drivers.get(machine.id());
        VfioPciDriver d = ref == null ? null : ref.get();
        if (d == null || d.machine != machine) {
            throw new IllegalArgumentException("vfio-pci is not loaded on machine " + machine.id());
        }
        return d.user;
    }

    @Override
    public boolean disableIdleD3() {
        return disableIdleD3;
    }

    /**
     * For tests of this bundle without Config Admin: what the next configuration would set.
     * Devices bound from now on take the new value, bound ones keep theirs.
     */
    void setDisableIdleD3(boolean value) {
        disableIdleD3 = value;
    }
}
