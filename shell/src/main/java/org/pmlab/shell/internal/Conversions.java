package org.pmlab.shell.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.pmlab.hw.api.Bdf;
import org.pmlab.sim.api.KernelVersion;
import org.pmlab.sim.api.PciePortPm;
import org.pmlab.vfio.api.IrqType;

/**
 * From typed text to a command's argument types: the one table the Gogo converter, the usage
 * diagnosis and completion read. A parser throws {@link IllegalArgumentException} with a
 * message for the user.
 */
final class Conversions {
    private Conversions() {
    }

    private static final Map<Class<?>, Function<String, ?>> PARSERS = Map.ofEntries(
            Map.entry(Bdf.class, Bdf::parse),
            Map.entry(KernelVersion.class, KernelVersion::parse),
            Map.entry(Duration.class, DurationText::parse),
            Map.entry(PciePortPm.class, PciePortPm::parse),
            Map.entry(IrqType.class, Conversions::irqType),
            Map.entry(Args.DeviceName.class, Args.DeviceName::parse),
            Map.entry(Args.DriverName.class, Args.DriverName::parse),
            Map.entry(Args.FirmwareName.class, Args.FirmwareName::parse),
            Map.entry(Args.FaultPointName.class, Args.FaultPointName::parse),
            Map.entry(Args.FaultTarget.class, Args.FaultTarget::parse),
            Map.entry(Args.SysfsPath.class, Args.SysfsPath::parse),
            Map.entry(Args.SysfsValue.class, Args.SysfsValue::parse),
            Map.entry(Args.HostPath.class, Args.HostPath::parse),
            Map.entry(Args.ErrnoValue.class, Args.ErrnoValue::parse),
            Map.entry(Args.VfioHandle.class, Args.VfioHandle::parse),
            Map.entry(Args.PciAddresses.class, Args.PciAddresses::parse),
            Map.entry(Args.PciClass.class, Args.PciClass::parse),
            Map.entry(Args.PciIds.class, Args.PciIds::parse),
            Map.entry(Args.BridgeBdf.class, Args.BridgeBdf::parse),
            Map.entry(Args.Int.class, Args.Int::parse),
            Map.entry(Args.UInt.class, Args.UInt::parse),
            Map.entry(Args.U16.class, Args.U16::parse),
            Map.entry(Args.KernelBool.class, Args.KernelBool::parse),
            Map.entry(Args.KernelList.class, Args.KernelList::parse),
            Map.entry(Args.ScenarioList.class, Args.ScenarioList::parse),
            Map.entry(Args.FirmwareList.class, Args.FirmwareList::parse),
            Map.entry(Args.AutoBdf.class, Args.AutoBdf::parse),
            Map.entry(Args.Watts.class, Args.Watts::parse),
            Map.entry(Args.PowerMatch.class, Args.PowerMatch::parse));

    /** Whether {@code type} is an argument type this table converts. */
    static boolean handles(Class<?> type) {
        return PARSERS.containsKey(type) || isWord(type);
    }

    static boolean isWord(Class<?> type) {
        return type.isEnum() && Word.class.isAssignableFrom(type);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parse(Class<?> type, String text) {
        if (isWord(type)) {
            return Args.word((Class) type, text);
        }
        Function<String, ?> p = PARSERS.get(type);
        if (p == null) {
            throw new IllegalArgumentException("no conversion to " + type.getSimpleName());
        }
        return p.apply(text);
    }

    /** VFIO_IRQ_INFO's kinds as users write them. */
    static IrqType irqType(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "intx" -> IrqType.INTX;
            case "msi" -> IrqType.MSI;
            case "msix", "msi-x" -> IrqType.MSIX;
            case "none" -> IrqType.NONE;
            default -> throw new IllegalArgumentException("unknown interrupt type '" + text.trim()
                    + "': expected intx, msi, msix or none");
        };
    }
}
