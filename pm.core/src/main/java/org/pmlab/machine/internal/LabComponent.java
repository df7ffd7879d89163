package org.pmlab.machine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.pmlab.firmware.api.PlatformFirmware;
import org.pmlab.machine.api.BootSpec;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.LabProgress;
import org.pmlab.machine.api.Machine;
import org.pmlab.pci.api.PciDriverProvider;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.ModelEvents;
import org.pmlab.topology.api.TopologyCodec;
import org.pmlab.topology.api.TopologySource;

/**
 * The lab as a DS component: its references and configuration feed the lab's thread
 * ({@link LabWork}), which alone changes the live machine. The firmware is a dynamic reference
 * whose target filter comes from Config Admin ({@code firmware.target}); binding another one
 * swaps it live, and when the bound one goes away the lab falls back to another registered
 * one, else native PCI PM. Kernel, kernel parameter and hardware changes reboot the live machine.
 */
@Component(service = Lab.class, immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE,
        configurationPid = {KernelVersion.PID, Lab.PLATFORM_PID})
public final class LabComponent implements Lab {

    private final LabWork work = new LabWork();
    private final EventAdminBridge events = new EventAdminBridge();
    @Reference
    TopologyCodec codec;
    private volatile Booter booter;

    /**
     * Called after every reference is bound, and so after each dynamic one queued its work: the
     * first boot already sees the selected firmware and the registered drivers.
     */
    @Activate
    void activate(KernelSettings kernel, PlatformSettings platform) {
        booter = new Booter(codec);
        work.submit(() -> reconcile(kernel, platform));
    }

    @Modified
    void modified(KernelSettings kernel, PlatformSettings platform) {
        work.submit(() -> reconcile(kernel, platform));
    }

    @Deactivate
    void deactivate() {
        work.close();
        events.close();
    }

    // ---- boot (on the lab's thread) ----

    /**
     * Boots when what the machine depends on changed. Bad settings (a topology file with an
     * error, an unknown kernel) are reported by every use of the lab, in one line, rather than
     * as an activation failure.
     */
    private void reconcile(KernelSettings kernel, PlatformSettings platform) {
        work.publish(s -> s.configured(kernel, platform));
        try {
            BootKey key = BootKey.of(kernel, platform);
            LabState s = work.state();
            if (!key.equals(s.key()) || s.live() == null) {
                SimMachine m = booter.bootLive(key, s, events, work.reporter());
                work.publish(st -> st.booted(m, key));
                if (events.stateWatched()) {
                    events.post(ModelEvents.MACHINE_BOOT, Map.of(ModelEvents.MACHINE, m.id()));
                }
            } else if (s.bootFailure() != null) {
                work.publish(st -> st.failed(null));
            }
        } catch (IllegalArgumentException e) {
            work.publish(st -> st.failed(e.getMessage()));
        }
    }

    // ---- firmware: the selected one (target filter) and every registered one ----

    @Reference(name = "firmware", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindFirmware")
    void bindFirmware(PlatformFirmware fw) {
        work.submit(() -> {
            work.publish(s -> s.withFirmware(s.firmware().select(fw)));
            swapLive(fw);
        });
    }

    /** Waits: the firmware must be swapped out before its bundle stops. */
    void unbindFirmware(PlatformFirmware fw) {
        work.submitAndWait(() -> {
            FirmwareSelection before = work.state().firmware();
            FirmwareSelection after = before.without(fw);
            if (after != before) {
                work.publish(s -> s.withFirmware(after));
                swapLive(after.selected());
            }
        });
    }

    private void swapLive(PlatformFirmware fw) {
        SimMachine m = work.state().live();
        String name = fw == null ? FirmwareControl.NATIVE : fw.name();
        if (m != null && !Objects.equals(m.firmware().activeName(), name)) {
            m.firmware().swap(fw);
        }
    }

    @Reference(name = "firmwares", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeFirmware")
    void addFirmware(PlatformFirmware fw) {
        work.submit(() -> work.publish(s -> s.withFirmware(s.firmware().register(fw))));
    }

    void removeFirmware(PlatformFirmware fw) {
        work.submitAndWait(() -> work.publish(s -> s.withFirmware(s.firmware().unregister(fw))));
    }

    // ---- PCI driver modules (whiteboard) ----

    @Reference(name = "drivers", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDriver")
    void addDriver(PciDriverProvider p) {
        work.submit(() -> {
            if (work.state().drivers().has(p)) {
                return; // reported twice
            }
            work.publish(s -> s.withDrivers(s.drivers().with(p)));
            SimMachine m = work.state().live();
            if (m != null) {
                DriverModules.load(p, m);
            }
        });
    }

    /** Waits: the module must be unloaded before its bundle stops. */
    void removeDriver(PciDriverProvider p) {
        work.submitAndWait(() -> {
            if (!work.state().drivers().has(p)) {
                return;
            }
            work.publish(s -> s.withDrivers(s.drivers().without(p)));
            SimMachine m = work.state().live();
            if (m != null) {
                m.pci().unregisterDriver(p.driverName()); // rmmod: every device it drove is unbound
            }
        });
    }

    // ---- topology sources (e.g. "host", from the sysfs backend) ----

    @Reference(name = "topologySource", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSource", target = "(" + TopologySource.NAME + "=*)")
    void addSource(TopologySource source) {
        work.submit(() -> {
            work.publish(s -> s.withSources(s.sources().with(source)));
            LabState s = work.state();
            if (s.bootFailure() != null && s.platform() != null && s.platform().topology().trim().equals(source.name())) {
                reconcile(s.kernel(), s.platform()); // the source the settings name came after them
            }
        });
    }

    void removeSource(TopologySource source) {
        work.submit(() -> work.publish(s -> s.withSources(s.sources().without(source))));
    }

    // ---- Event Admin, and who subscribes to which topics ----

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetEventAdmin")
    void setEventAdmin(EventAdmin ea) {
        events.setEventAdmin(ea);
    }

    void unsetEventAdmin(EventAdmin ea) {
        events.setEventAdmin(null);
    }

    /** Only the subscription is read; the handler itself is never got (or activated) here. */
    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeHandler", updated = "updatedHandler")
    void addHandler(ServiceReference<EventHandler> ref) {
        events.handler(ref, ref.getProperty(EventConstants.EVENT_TOPIC));
    }

    void updatedHandler(ServiceReference<EventHandler> ref) {
        events.handler(ref, ref.getProperty(EventConstants.EVENT_TOPIC));
    }

    void removeHandler(ServiceReference<EventHandler> ref) {
        events.handlerGone(ref);
    }

    // ---- Lab ----

    @Override
    public Machine live() {
        work.await(s -> true, Long.MAX_VALUE, null);
        LabState s = work.state();
        if (s.bootFailure() != null) {
            throw new IllegalStateException("cannot boot the simulated host: " + s.bootFailure());
        }
        if (s.live() == null) {
            throw new IllegalStateException("the lab is not running");
        }
        return s.live();
    }

    @Override
    public Optional<LabProgress> progress() {
        return work.progress();
    }

    @Override
    public Machine boot(BootSpec spec) {
        return booter.bootFresh(spec, work.state());
    }

    @Override
    public List<String> firmwareNames() {
        return work.state().firmware().names();
    }

    @Override
    public String firmwareDescription(String name) {
        return work.state().firmware().byName(name).map(PlatformFirmware::description)
                .orElseThrow(() -> new IllegalArgumentException("no firmware named '" + name + "'"));
    }

    @Override
    public boolean await(Predicate<Machine> condition, Duration timeout) {
        Predicate<LabState> applied = s -> {
            if (s.bootFailure() != null) {
                throw new IllegalStateException("cannot boot the simulated host: " + s.bootFailure());
            }
            return s.live() != null && condition.test(s.live());
        };
        return work.await(applied, work.failures(), timeout);
    }
}
