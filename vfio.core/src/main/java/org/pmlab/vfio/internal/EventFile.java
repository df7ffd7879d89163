package org.pmlab.vfio.internal;

/** An eventfd's file: closing it drops the file's reference to the context. */
record EventFile(EventFdCtx ctx) implements OpenFile {
}
