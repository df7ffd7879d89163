package org.pmlab.firmware.api;

import java.util.List;

/**
 * One shared power resource as the firmware sees it now.
 *
 * @param on physically on
 * @param users the devices holding a reference
 * @param onCount how many times {@code _ON} was evaluated
 * @param offCount how many times {@code _OFF} was evaluated
 */
public record PowerResourceView(String name, boolean on, int refCount, List<String> users, int onCount, int offCount) {
    public PowerResourceView {
        users = List.copyOf(users);
    }
}
