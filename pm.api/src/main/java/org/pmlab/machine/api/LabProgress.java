package org.pmlab.machine.api;

/**
 * How far the lab's work under way is: the boot of a big host takes seconds, and whoever waits
 * for it (the launcher's readiness) shows this and waits as long as it moves.
 *
 * @param what  the step under way, in the user's words ("reading the topology", "adding functions")
 * @param done  items of the step done so far
 * @param total items of the step in all (0 while not known)
 */
public record LabProgress(String what, long done, long total) {
}
