package org.pmlab.shell.internal;

/**
 * A value of an enumerated argument (an action such as {@code add}, a setting such as
 * {@code on}): the word a user types, and what it does. Enums of command words implement it;
 * the argument converter, {@code help} and completion all read the words from here.
 */
interface Word {

    /** What the user types, e.g. {@code bar-read}. */
    String word();

    /** One line for {@code help} and the completion menu. */
    String description();
}
