package org.pmlab.topology.api;

/** An ACPI PowerResource object ({@code _ON}, {@code _OFF}, {@code _STA}); firmware leaves it on at boot unless {@code on} is false. */
public record PowerResourceSpec(String name, boolean on) {
}
