package org.pmlab.firmware.acpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pmlab.hw.api.HotplugKind;
import org.pmlab.hw.api.PowerState;

/** A large topology attaches and answers in time proportional to its size. */
class ScaleTest {

    @Test
    void hundredThousandFunctionsAttachAndAnswerByBdf() {
        Bench bench = new Bench();
        int ports = 0;
        int functions = 0;
        // 12,500 root ports (32 per PCI domain), each with its own slot resource and 7 endpoint
        // functions on its secondary bus: 100,000 functions with companions
        for (int domain = 0; ports < 12_500; domain++) {
            for (int dev = 0; dev < 32 && ports < 12_500; dev++, ports++) {
                String res = "P" + Integer.toHexString(ports).toUpperCase();
                bench.resource(res, true);
                String rp = String.format("%04x:00:%02x.0", domain, dev);
                bench.rootPort(rp, HotplugKind.NONE, Acpi.fwA("\\_SB.R" + ports, res));
                for (int f = 0; f < 7; f++, functions++) {
                    bench.endpoint(String.format("%04x:%02x:00.%x", domain, dev + 1, f), rp,
                            Acpi.fwA("\\_SB.R" + ports + ".F" + f, res));
                }
            }
        }
        long t0 = System.nanoTime();
        bench.attach();
        long attachMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(ports + functions).isEqualTo(100_000);
        assertThat(bench.pm.deviceStates()).hasSize(100_000);
        assertThat(bench.pm.powerResources()).hasSize(12_500);
        String ep = String.format("%04x:%02x:00.%x", 0x80, 5, 6);
        assertThat(bench.setState(ep, PowerState.D3COLD)).isZero();
        assertThat(bench.getState(ep)).isEqualTo(PowerState.D3COLD);
        assertThat(attachMs).as("attach of 100k functions, ms").isLessThan(30_000);
    }
}
