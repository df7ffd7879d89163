package org.pmlab.scenario.internal;

import java.time.Duration;
import java.util.List;
import org.pmlab.scenario.api.Phase;

/**
 * The steps of each scenario on one fresh machine, after the device was bound. Each records the
 * settled states after it; {@link #lastStep} is when the last one was taken. A step the kernel
 * refuses ends the scenario with a note naming it and its errno.
 */
final class Steps {
    private static final Duration HOLD = Duration.ofSeconds(1);

    private final Fresh x;
    private final List<Phase> phases;
    long lastStep;

    Steps(Fresh x, List<Phase> phases) {
        this.x = x;
        this.phases = phases;
        this.lastStep = x.m.clock().nanoTime();
    }

    private void mark() {
        lastStep = x.m.clock().nanoTime();
    }

    private void settled(String name) {
        x.m.clock().settle();
        phases.add(x.phase(name));
    }

    String boundIdle() {
        settled("idle");
        return null;
    }

    String openClose() {
        settled("bound");
        int fd = x.user.open(x.device);
        if (fd < 0) {
            return "open " + Fresh.errno(fd);
        }
        x.m.clock().advance(HOLD);
        phases.add(x.phase("open"));
        x.user.close(fd);
        mark();
        settled("closed");
        return null;
    }

    String hotReset() {
        settled("bound");
        int fd = x.user.open(x.device);
        if (fd < 0) {
            return "open " + Fresh.errno(fd);
        }
        x.m.clock().settle();
        int r = x.user.hotReset(fd);
        phases.add(x.phase("reset"));
        x.user.close(fd);
        mark();
        settled("closed");
        return r == 0 ? null : "VFIO_DEVICE_PCI_HOT_RESET " + Fresh.errno(r);
    }

    String sriov() {
        settled("bound");
        int total = x.m.pci().get(x.device).spec().sriov().totalVfs();
        int n = Math.min(2, total);
        int r = x.m.pci().setSriovNumVfs(x.device, n);
        if (r != 0) {
            return "sriov_numvfs " + n + " " + Fresh.errno(r);
        }
        settled(n + " VFs");
        r = x.m.pci().setSriovNumVfs(x.device, 0);
        mark();
        settled("VFs off");
        return r == 0 ? null : "sriov_numvfs 0 " + Fresh.errno(r);
    }

    String lowPower() {
        int fd = x.user.open(x.device);
        if (fd < 0) {
            return "open " + Fresh.errno(fd);
        }
        settled("open");
        int r = x.user.lowPowerEntry(fd);
        if (r != 0) {
            x.user.close(fd);
            mark();
            settled("closed");
            return "LOW_POWER_ENTRY " + Fresh.errno(r) + (r == org.pmlab.pm.api.Errno.ENOTTY.negative() ? " (6.1+)" : "");
        }
        settled("low power");
        x.user.lowPowerExit(fd);
        settled("exited");
        x.user.close(fd);
        mark();
        settled("closed");
        return null;
    }
}
