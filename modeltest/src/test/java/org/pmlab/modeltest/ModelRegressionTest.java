package org.pmlab.modeltest;

import org.junit.jupiter.api.Test;

/**
 * Runs the random tester found breaking an invariant, shrunk, replayed as they were reported.
 * Each was a model bug; the commit that added the case fixed it.
 */
class ModelRegressionTest {

    /**
     * A BAR access in flight, then {@code sriov_numvfs}: vfio-pci's {@code sriov_configure}
     * took its runtime PM reference, then found {@code memory_lock} held by the user's own
     * access (the kernel's writer would wait for it) and refused, keeping the reference: the PF
     * never suspended again. The refusal now gives it back.
     */
    @Test
    void sriovEnableRefusedByABarAccessInFlightGivesBackItsReference() {
        replay("6.18", "acpi-sim", "MEMORY_LOCK(22,0,0) SRIOV_NUMVFS(0,1,0)", """
        {"name": "generated", "platform": {"vendor": "generated", "biosYear": 2014}, "powerResources": [{"name": "PR0", "on": true}, {"name": "PR1", "on": true}, {"name": "PR2", "on": true}], "devices": [
        {"bdf": "0000:00:1c.0", "class": "0x060400", "vendor": "0x8086", "device": "0x7ab8", "type": "root-port", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}},
        {"bdf": "0000:01:00.0", "parent": "0000:00:1c.0", "class": "0x030000", "vendor": "0x1002", "device": "0x73bf", "type": "endpoint", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}, "driver": "e1000e"},
        {"bdf": "0000:01:00.1", "parent": "0000:00:1c.0", "class": "0x040300", "vendor": "0x1002", "device": "0xab28", "type": "endpoint", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}, "driver": "e1000e"},
        {"bdf": "0000:00:1d.0", "class": "0x060400", "vendor": "0x8086", "device": "0x7ab8", "type": "root-port", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}, "acpi": {"path": "\\\\_SB.PCI0.D3"}},
        {"bdf": "0000:02:00.0", "parent": "0000:00:1d.0", "class": "0x020000", "vendor": "0x8086", "device": "0x10fb", "type": "endpoint", "sriov": {"totalVfs": 1, "vfOffset": 1, "vfStride": 1, "vfDeviceId": "0x10ed"}, "label": "Ethernet controller (SR-IOV)"},
        {"bdf": "0000:00:1e.0", "class": "0x060400", "vendor": "0x8086", "device": "0x7ab8", "type": "root-port", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}},
        {"bdf": "0000:03:00.0", "parent": "0000:00:1e.0", "class": "0x010802", "vendor": "0x144d", "device": "0xa80a", "type": "endpoint", "pm": {"d1": false, "d2": false, "noSoftReset": false, "pme": []}, "driver": "e1000e"} ] }
        """);
    }

    /**
     * On 5.19 (vfio-pci's empty dev_pm_ops) the user puts the 82599 (NoSoftRst+, PME from
     * D3hot) into D3hot through PMCSR and closes it; the runtime suspend arms PME_En and the
     * resume left it armed in D0, where pci_pm_default_resume's pci_enable_wake(D0, false)
     * turns it off: PMCSR read 0x108 at rest instead of 0x8.
     */
    @Test
    void runtimeResumeDisarmsPme() {
        replay("5.19", "nod3cold", "PCI_BIND(62,0,0) DEVICE_IOCTL(0,32,45)", null);
    }

    /**
     * A persistent {@code pci_enable_device} fault, then the vfio-pci function bound to
     * xhci_hcd: its probe took {@code pm_runtime_get_noresume} and failed at the enable without
     * putting it back (xhci_pci_probe's {@code put_runtime_pm} does), so the function kept a
     * usage count of 1 at rest under vfio-pci again, where a fresh machine has 0.
     */
    @Test
    void aFailedXhciProbeGivesBackItsReference() {
        replay("6.0", "nod3cold", "FAULT(53,13,47) PCI_BIND(1,33,23)", """
        { "name": "generated", "platform": { "vendor": "generated", "biosYear": 2019 }, "powerResources": [ { "name": "PR0", "on": true }, { "name": "PR1", "on": true } ], "devices": [
        { "bdf": "0000:00:1c.0", "class": "0x060400", "vendor": "0x8086", "device": "0x7ab8", "type": "root-port", "pm": { "d1": false, "d2": false, "noSoftReset": true, "pme": [ "D0", "D3hot", "D3cold" ] }, "hotplug": "native", "acpi": { "path": "\\\\_SB.PCI0.D0", "ps0": true, "ps3": true, "psc": true, "pr0": [ "PR1" ], "hotplugSupportInD3": true } },
        { "bdf": "0000:01:00.0", "parent": "0000:00:1c.0", "class": "0x030200", "vendor": "0x10de", "device": "0x1eb8", "type": "endpoint", "pm": { "d1": false, "d2": false, "noSoftReset": false, "pme": [ "D0", "D3hot", "D3cold" ] }, "flr": true, "wakeup": true, "driver": "vfio-pci" } ]}
        """);
    }

    /**
     * A bare device under VF 02:10.4, the PF unbound from vfio-pci (which disables SR-IOV and
     * removes the VF: the bare child stays registered, its parent gone), then
     * {@code pm:irq_safe} on the child: {@code pm_runtime_irq_safe}'s
     * {@code pm_runtime_get_sync(dev->parent)} threw "has been removed" where the kernel works on
     * the parent's struct (the child's reference keeps it; its runtime PM is disabled). It now
     * takes the count as the kernel does, and so does the removal's {@code pm_runtime_put}.
     */
    @Test
    void irqSafeUnderARemovedParentTakesItsCount() {
        replay("6.1", "acpi-sim", "DEVICE_IOCTL(37,52,28) SRIOV_NUMVFS(46,39,23) HELPER(2,39,31) BARE_DEVICE(29,25,13)"
                + " UNBIND(57,6,61) HELPER(43,32,57)", null);
    }

    private static void replay(String kernel, String firmware, String ops, String host) {
        Tester.run(Scenario.parse(kernel, firmware, false, ops, host), new Tester.Stats());
    }
}
