package org.pmlab.pci.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pmlab.annotation.Kernel;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PortType;
import org.pmlab.hw.api.SriovCapability;
import org.pmlab.pm.api.Errno;
import org.pmlab.topology.api.DeviceSpec;

/**
 * {@code pci_enable_sriov} / {@code pci_disable_sriov} (drivers/pci/iov.c): VFs are added as
 * siblings of the PF (their device parent is the PF's parent), enumerated and probed like any
 * device. Fault point "sriov_enable" makes enabling fail.
 */
@Kernel(file = "drivers/pci/iov.c")
final class Sriov {

    static final String FAULT_ENABLE = "sriov_enable";

    private final PciHost host;

    Sriov(PciHost host) {
        this.host = host;
    }

    @Kernel("pci_enable_sriov")
    int enable(PciDev pf, int numVfs) {
        SriovCapability cap = pf.spec.sriov();
        if (cap == null || pf.isVirtfn()) {
            return Errno.ENOSYS.negative();
        }
        if (numVfs == 0) {
            return 0;
        }
        if (pf.vfs().length > 0 || numVfs < 0 || numVfs > cap.totalVfs()) {
            return Errno.EINVAL.negative();
        }
        int fault = host.faults().check(pf.name(), FAULT_ENABLE);
        if (fault != 0) {
            return fault;
        }
        host.clock().sleep(Duration.ofMillis(100)); // VF Enable to first config access
        List<PciDev> added = new ArrayList<>();
        DeviceSpec shared = vfSpec(pf, pf.bdf.plusRoutingId(cap.vfOffset()), 0);
        for (int i = 0; i < numVfs; i++) {
            Bdf vfBdf = pf.bdf.plusRoutingId(cap.vfOffset() + i * cap.vfStride());
            if (host.find(vfBdf) != null) {
                host.log(pf, "VF " + vfBdf + " collides with an existing function; SR-IOV not enabled");
                added.forEach(this::removeVf);
                return Errno.EBUSY.negative();
            }
            PciDev vf = host.enumeration().addDevice(vfBdf, shared, pf);
            host.addVf(pf, vf);
            added.add(vf);
        }
        for (PciDev vf : added) {
            host.enumeration().busAddDevice(vf);
        }
        return 0;
    }

    /** The spec of the VF at {@code vfBdf} of {@code pf}: one place for what a VF is. */
    static DeviceSpec vfSpec(PciDev pf, Bdf vfBdf) {
        SriovCapability cap = pf.spec.sriov();
        int i = (routingId(vfBdf) - routingId(pf.bdf) - cap.vfOffset()) / cap.vfStride();
        return vfSpec(pf, vfBdf, i);
    }

    private static DeviceSpec vfSpec(PciDev pf, Bdf vfBdf, int i) {
        // pci_iov_add_virtfn: a VF shares its PF's class and vendor, has the VF Device ID, no PM
        // capability of its own here, and always FLR
        return new DeviceSpec(vfBdf, pf.spec.parent(), pf.spec.classCode(), pf.spec.vendor(),
                pf.spec.sriov().vfDeviceId(), PortType.ENDPOINT, null, null, HotplugKind.NONE, false, true, false, null,
                null, "Virtual Function " + i + " of " + pf.bdf);
    }

    private static int routingId(Bdf b) {
        return b.bus() << 8 | b.devfn();
    }

    @Kernel("pci_disable_sriov")
    void disable(PciDev pf) {
        PciDev[] vfs = pf.vfs();
        if (vfs.length == 0) {
            return;
        }
        for (int i = vfs.length - 1; i >= 0; i--) {
            removeVf(vfs[i]);
        }
        host.clock().sleep(Duration.ofSeconds(1)); // after clearing VF Enable, per the SR-IOV spec
    }

    private void removeVf(PciDev vf) {
        host.enumeration().removeDevice(vf);
        host.removeVf(vf.pf(), vf);
    }
}
