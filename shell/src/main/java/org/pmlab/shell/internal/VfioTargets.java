package org.pmlab.shell.internal;

import java.util.List;
import org.pmlab.hw.api.Bdf;
import org.pmlab.machine.api.Machine;
import org.pmlab.vfio.api.VfioUser;

/**
 * What a {@code vfio:} command acts on, from what the user typed: an fd number (as
 * {@code vfio:open} printed it) or the BDF of an open device.
 */
final class VfioTargets {
    private VfioTargets() {
    }

    /** The fd to close: a number as given, or a BDF's only open fd. */
    static int onlyFd(Machine m, VfioUser u, Args.VfioHandle target) {
        if (target.isFd()) {
            return target.fd();
        }
        Bdf bdf = m.pci().get(target.bdf()).bdf();
        List<Integer> fds = u.fds(bdf);
        if (fds.isEmpty()) {
            throw new IllegalArgumentException(bdf + " has no open fd");
        }
        if (fds.size() > 1) {
            throw new IllegalArgumentException(bdf + " has " + fds.size() + " open fds " + fds + "; close one by number");
        }
        return fds.get(0);
    }

    /** The fd for a device ioctl: a number as given, or any open fd of a BDF (they act alike). */
    static int anyFd(Machine m, VfioUser u, Args.VfioHandle target) {
        if (target.isFd()) {
            return target.fd();
        }
        return anyFd(u, m.pci().get(target.bdf()).bdf());
    }

    static int anyFd(VfioUser u, Bdf bdf) {
        List<Integer> fds = u.fds(bdf);
        if (fds.isEmpty()) {
            throw new IllegalArgumentException(bdf + " is not open; vfio:open it first");
        }
        return fds.get(0);
    }
}
