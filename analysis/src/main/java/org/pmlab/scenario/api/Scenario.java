package org.pmlab.scenario.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A scenario {@code sim:compare} runs on each fresh machine, with the device bound to vfio-pci. */
public enum Scenario {
    BOUND_IDLE("bound-idle", "bound to vfio-pci and left unused"),
    OPEN_CLOSE("open-close", "bound, opened and held for a second, closed"),
    HOT_RESET("hot-reset", "bound, opened, VFIO_DEVICE_PCI_HOT_RESET on its dev_set, closed"),
    SRIOV("sriov", "PF bound, SR-IOV enabled through sriov_numvfs, then disabled"),
    LOW_POWER("low-power", "bound, opened, LOW_POWER_ENTRY, LOW_POWER_EXIT, closed");

    private final String word;
    private final String description;

    Scenario(String word, String description) {
        this.word = word;
        this.description = description;
    }

    public String word() {
        return word;
    }

    public String description() {
        return description;
    }

    /**
     * @throws IllegalArgumentException naming the scenarios
     */
    public static Scenario parse(String text) {
        for (Scenario s : values()) {
            if (s.word.equals(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "': expected one of "
                + Arrays.stream(values()).map(Scenario::word).collect(Collectors.joining(", ")));
    }
}
