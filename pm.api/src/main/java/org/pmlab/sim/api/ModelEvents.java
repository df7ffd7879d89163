package org.pmlab.sim.api;

/** Event Admin topics and property keys of the model's events. */
public final class ModelEvents {
    private ModelEvents() {
    }

    /** Every trace record; the event name is appended: {@code org/pmlab/trace/rpm_suspend}. */
    public static final String TRACE = "org/pmlab/trace/";
    /** A device's runtime status changed. */
    public static final String RPM_STATUS = "org/pmlab/pm/STATUS";
    /** A runtime PM field without a status change (usage count, control, autosuspend) changed. */
    public static final String RPM_CHANGED = "org/pmlab/pm/CHANGED";
    /** A PCI device's {@code current_state} changed. */
    public static final String PCI_POWER_STATE = "org/pmlab/pci/POWER_STATE";
    /** A PCI attribute other than the power state changed (driver_override, d3cold_allowed, wakeup). */
    public static final String PCI_CHANGED = "org/pmlab/pci/CHANGED";
    public static final String PCI_BIND = "org/pmlab/pci/BIND";
    public static final String PCI_UNBIND = "org/pmlab/pci/UNBIND";
    public static final String PCI_ADD = "org/pmlab/pci/ADD";
    public static final String PCI_REMOVE = "org/pmlab/pci/REMOVE";
    /** The firmware of the live machine was swapped. */
    public static final String FIRMWARE_SWAP = "org/pmlab/firmware/SWAP";
    /** A platform (firmware) object changed, e.g. an ACPI power resource. */
    public static final String FIRMWARE_CHANGED = "org/pmlab/firmware/CHANGED";
    /** A new live machine booted (kernel, topology or a kernel parameter changed). */
    public static final String MACHINE_BOOT = "org/pmlab/machine/BOOT";

    public static final String MACHINE = "machine";
    public static final String DEVICE = "device";
    public static final String TIME_NS = "time.ns";
    public static final String EVENT = "event";
    public static final String LINE = "line";
    /** A trace record's text, the part of its line after the event name ({@link TraceRecord#text()}). */
    public static final String TEXT = "text";
    public static final String STATUS = "status";
    public static final String STATE = "state";
    public static final String PREVIOUS = "previous";
    public static final String DRIVER = "driver";
    public static final String FROM = "from";
    public static final String TO = "to";
}
