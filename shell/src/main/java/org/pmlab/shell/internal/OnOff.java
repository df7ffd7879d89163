package org.pmlab.shell.internal;

/** A switch of the shell or the model: {@code on} or {@code off}. */
enum OnOff implements Word {
    ON("on", "switch it on"),
    OFF("off", "switch it off");

    private final String word;
    private final String description;

    OnOff(String word, String description) {
        this.word = word;
        this.description = description;
    }

    @Override
    public String word() {
        return word;
    }

    @Override
    public String description() {
        return description;
    }
}
