package org.pmlab.machine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.FirmwareControl;
import org.pmlab.machine.api.Lab;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.topology.api.TopologySource;

/**
 * Writes the initial kernel and platform configuration, from the launcher's options
 * ({@code pmlab.kernel}, {@code pmlab.firmware}, {@code pmlab.topology}) or the defaults, when
 * Config Admin has none yet. The lab waits for it (its configuration is required).
 */
@Component(immediate = true)
public final class PlatformDefaults {

    @Activate
    public PlatformDefaults(@Reference ConfigurationAdmin cm, BundleContext ctx) {
        try {
            Configuration kernel = cm.getConfiguration(KernelVersion.PID, "?");
            if (kernel.getProperties() == null) {
                Hashtable<String, Object> p = new Hashtable<>();
                String v = ctx.getProperty("pmlab.kernel");
                p.put("version", v == null || v.isBlank() ? KernelVersion.NEWEST.toString() : v.trim());
                kernel.update(p);
            }
            Configuration platform = cm.getConfiguration(Lab.PLATFORM_PID, "?");
            if (platform.getProperties() == null) {
                Hashtable<String, Object> p = new Hashtable<>();
                p.put("firmware.target", firmwareTarget(ctx.getProperty("pmlab.firmware")));
                String topology = ctx.getProperty("pmlab.topology");
                if (topology != null && !topology.isBlank()) {
                    p.put("topology", topology.trim());
                    String t = topology.trim();
                    boolean file = java.nio.file.Files.exists(java.nio.file.Path.of(t)) || t.endsWith(".json")
                            || t.contains("/");
                    if (!file) {
                        // a named source: the lab must not boot before that source is there
                        p.put("topologySource.target", "(" + TopologySource.NAME + "=" + topology.trim() + ")");
                        p.put("topologySource.cardinality.minimum", 1);
                    }
                }
                platform.update(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target filter for a firmware name; none given means the default, acpi-sim. */
    static String firmwareTarget(String name) {
        return FirmwareControl.targetFilter(name == null || name.isBlank() ? "acpi-sim" : name.trim());
    }
}
