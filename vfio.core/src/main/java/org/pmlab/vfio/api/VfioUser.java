package org.pmlab.vfio.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.pmlab.hw.api.Bdf;
import org.pmlab.hw.api.PowerState;

/**
 * A user process of vfio-pci on one machine, owning every vfio group: it opens device file
 * descriptors and issues device ioctls and region accesses on them, maps BARs, and creates
 * eventfds. Each call returns what the system call would: a value ≥ 0, or a negative errno
 * ({@code -EBADF} for an fd that is not open; a device call on an eventfd fails as the kernel's
 * eventfd file answers it: -ENOTTY for an ioctl, -ESPIPE for a positioned read or write,
 * -ENODEV for mmap). From 6.1 every device ioctl and region access first resumes the device and holds it
 * for the duration (a failed resume gives {@code -EIO}); opening resumes it through
 * {@code vfio_pci_core_enable}.
 */
@ProviderType
public interface VfioUser {
    /**
     * Writes {@code /sys/module/vfio_pci/parameters/disable_idle_d3} on this machine (the module
     * parameter is the machine's own; Config Admin's value, {@link VfioService#disableIdleD3()},
     * applies until it is written). vfio-pci-core takes the parameter when the module loads: here,
     * when it binds a device while none is bound.
     */
    void setDisableIdleD3(boolean value);

    /** The machine's {@code disable_idle_d3} now. */
    boolean disableIdleD3();

    /** Every device bound to vfio-pci, in address order. */
    List<VfioDeviceInfo> devices();

    Optional<VfioDeviceInfo> info(Bdf bdf);

    /** The open file descriptors of a device, oldest first. */
    List<Integer> fds(Bdf bdf);

    /** The device an open fd refers to. */
    Optional<Bdf> device(int fd);

    /**
     * {@code VFIO_GROUP_GET_DEVICE_FD}: a new fd (≥ 3, the lowest free), or a negative errno:
     * -ENODEV when the device is not bound to vfio-pci, else the error of the first open.
     */
    int open(Bdf bdf);

    /** Closing the fd; the last close of a device disables it and may reset its dev_set. 0 or -EBADF. */
    int close(int fd);

    /** An ioctl that only reads information ({@code VFIO_DEVICE_GET_INFO}): 0 or an error. */
    int getInfo(int fd);

    /** {@code VFIO_DEVICE_RESET}: -EINVAL when function reset does not work for the device. */
    int reset(int fd);

    /** {@code VFIO_DEVICE_PCI_HOT_RESET} with the groups of every device of the fd's dev_set. */
    int hotReset(int fd);

    /** {@code VFIO_DEVICE_PCI_HOT_RESET} with the groups of the given devices only (one device per group). */
    int hotReset(int fd, Set<Bdf> owned);

    /**
     * {@code VFIO_DEVICE_SET_IRQS} with {@code ACTION_TRIGGER}: enables one interrupt type
     * ({@link IrqType#NONE} disables the current one). -EINVAL when another type is enabled.
     */
    int setIrqs(int fd, IrqType type);

    /** {@code VFIO_DEVICE_SET_IRQS} with {@code ACTION_MASK}/{@code ACTION_UNMASK} on INTx. */
    int maskIntx(int fd, boolean masked);

    /**
     * {@code VFIO_DEVICE_FEATURE} SET {@code LOW_POWER_ENTRY} (6.1+; -ENOTTY before): the device
     * may use platform low-power states while open. The same as
     * {@code deviceFeature(fd, HEADER_SIZE, SET | LOW_POWER_ENTRY, new byte[0])}.
     */
    int lowPowerEntry(int fd);

    /** {@code VFIO_DEVICE_FEATURE} SET {@code LOW_POWER_EXIT} (6.1+; -ENOTTY before). */
    int lowPowerExit(int fd);

    /**
     * {@code VFIO_DEVICE_FEATURE} SET {@code LOW_POWER_ENTRY_WITH_WAKEUP} (6.1+; -ENOTTY before)
     * with a well-formed payload naming {@code eventfd}: like {@link #lowPowerEntry(int)}, but the
     * first resume out of low power signals the eventfd once and ends low power.
     */
    int lowPowerEntryWithWakeup(int fd, int eventfd);

    /**
     * {@code ioctl(fd, VFIO_DEVICE_FEATURE, arg)} with the header given by value and the payload
     * by what user memory holds after it.
     *
     * @param argsz the {@code argsz} field: the size of the whole structure, header included
     *        ({@link VfioFeature#HEADER_SIZE} plus the payload); read as unsigned
     * @param flags the feature number with {@link VfioFeature#GET}/{@link VfioFeature#SET}/{@link VfioFeature#PROBE}
     * @param data the readable bytes at {@code arg->data}; {@code null} stands for an unmapped
     *        address, and a copy of more bytes than it holds faults too ({@code -EFAULT})
     * @return 0, or a negative errno (vfio_check_feature's rules, -ENOTTY for an unknown feature)
     * @throws UnsupportedOperationException for {@code PCI_VF_TOKEN} on a PF, which the model does not hold
     */
    int deviceFeature(int fd, int argsz, int flags, byte[] data);

    /**
     * {@code eventfd(0, 0)}: a new fd (the lowest free, ≥ 3) on a counter that starts at 0. It
     * is closed with {@link #close(int)}; a driver holding its context keeps the counter alive.
     */
    int eventfd();

    /**
     * The counter of an eventfd as {@code /proc/self/fdinfo} shows it ({@code eventfd-count}),
     * without consuming it: ≥ 0, -EBADF for an fd that is not open, -EINVAL for one that is
     * not an eventfd.
     */
    long eventfdCount(int fd);

    /**
     * {@code mmap} of a whole BAR region of a device fd ({@code vfio_pci_core_mmap}; it does not
     * touch the device's power): a mapping handle ≥ 1, or -EINVAL for an index that is not an
     * implemented BAR. The mapping holds the file open, as a VMA does, until {@link #munmap(int)}.
     */
    int mmap(int fd, int index);

    /**
     * One load or store through a mapping. A mapping whose page tables are populated reaches the
     * device directly (no runtime PM); otherwise it faults into {@code vfio_pci_mmap_fault},
     * which populates it or refuses with SIGBUS (low power engaged, memory disabled, D3hot).
     */
    MmapAccess mmapAccess(int map);

    /** {@code munmap} of a mapping: 0, also for a handle that no longer maps anything (as for an unmapped range). */
    int munmap(int map);

    /** {@code pread} of 4 bytes at offset 0 of a region ({@link VfioRegion}): bytes read or an error. */
    int regionRead(int fd, int index);

    /** {@code pwrite} of 4 bytes at offset 0 of a region: bytes written or an error. */
    int regionWrite(int fd, int index);

    /**
     * A 2-byte write of PMCSR's PowerState field through the config region, as a guest driver
     * does ({@code vfio_pm_config_write}): a native transition, runtime status untouched. Returns
     * the bytes written; the power change's own error is not reported, as in the kernel.
     */
    int writePowerState(int fd, PowerState state);

    /**
     * Starts a BAR access that stays in flight until {@link #releaseMemoryLock(int)}: it holds
     * the device's {@code memory_lock} for reading (and, from 6.1, a runtime PM reference, as
     * {@code vfio_pci_rw} does). Returns a token ≥ 1, or an error.
     */
    int holdMemoryLock(int fd);

    /** Ends the access started by {@link #holdMemoryLock(int)}: 0, or -EBADF for an unknown token. */
    int releaseMemoryLock(int token);
}
