package io.dayshift.notify;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What people are told.
 *
 * @param subject  one line: the mail subject and the chat message's first line
 * @param text     the body, plain text
 * @param severity how bad it is
 * @param link     where to look: the incident in Cockpit
 */
public record Notification(String subject, String text, Severity severity, Optional<URI> link) {

    public Notification {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a notification needs a subject");
        }
        if (subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("a notification's subject is one line");
        }
        text = text == null ? "" : text;
        Objects.requireNonNull(severity, "severity");
        link = link == null ? Optional.empty() : link;
    }

    /** {@code [SEV1] subject}. */
    public String headline() {
        return "[" + severity.name() + "] " + subject;
    }
}
