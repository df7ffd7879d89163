package org.pmlab.vfio.internal;

/** What a file descriptor of the user process refers to: a vfio device file or an eventfd. */
sealed interface OpenFile permits DeviceFile, EventFile {
}
