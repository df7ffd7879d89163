package org.pmlab.sim.api;

/** One queued work item or armed timer: when it falls due and what it will do. */
public record PendingWork(long dueNs, String description) {
}
