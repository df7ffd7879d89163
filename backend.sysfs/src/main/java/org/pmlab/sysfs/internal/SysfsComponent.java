package org.pmlab.sysfs.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;
import org.pmlab.sysfs.api.Sysfs;
import org.pmlab.sysfs.api.SysfsView;

/** The sysfs service: views of the lab's live machine, or of any machine. */
@Component(service = Sysfs.class)
public final class SysfsComponent implements Sysfs {

    private final Lab lab;

    @Activate
    public SysfsComponent(@Reference Lab lab) {
        this.lab = lab;
    }

    @Override
    public SysfsView live() {
        return new View(lab::live);
    }

    @Override
    public SysfsView of(Machine machine) {
        return new View(() -> machine);
    }
}
