package org.pmlab.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Predicate;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pmlab.machine.api.Lab;
import org.pmlab.machine.api.Machine;

/**
 * Changes settings the way the platform expects: through Config Admin, then waits until the lab
 * has applied them (a reboot or a firmware swap happens on another thread).
 */
@Component(service = Settings.class)
public final class Settings {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConfigurationAdmin cm;
    private final Lab lab;

    @Activate
    public Settings(@Reference ConfigurationAdmin cm, @Reference Lab lab) {
        this.cm = cm;
        this.lab = lab;
    }

    Object get(String pid, String key) {
        Dictionary<String, Object> p = config(pid).getProperties();
        return p == null ? null : p.get(key);
    }

    /** Sets one property and waits until the live machine satisfies {@code applied}. */
    void set(String pid, String key, Object value, Predicate<Machine> applied) {
        update(pid, key, value);
        if (!lab.await(applied, WAIT)) {
            throw new IllegalStateException("setting " + key + "=" + value + " was not applied within " + WAIT.toSeconds()
                    + " s; see the log");
        }
    }

    /**
     * Sets one property of a configuration, keeping the others: the one place pmlab writes
     * Config Admin. The owner of the PID receives it on another thread.
     */
    void update(String pid, String key, Object value) {
        Configuration c = config(pid);
        Dictionary<String, Object> p = c.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (p != null) {
            for (var e = p.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                next.put(k, p.get(k));
            }
        }
        next.put(key, value);
        try {
            c.update(next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Configuration config(String pid) {
        try {
            return cm.getConfiguration(pid, "?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
