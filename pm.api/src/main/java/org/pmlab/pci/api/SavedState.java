package org.pmlab.pci.api;

/** An opaque saved configuration ({@code struct pci_saved_state}), from {@link PciCore#storeSavedState}. */
public interface SavedState {
}
