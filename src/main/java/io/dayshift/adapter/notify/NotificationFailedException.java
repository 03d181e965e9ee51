package io.dayshift.adapter.notify;

/** A channel could not deliver; the message names site and channel and holds no secret. */
class NotificationFailedException extends RuntimeException {

    NotificationFailedException(String message) {
        super(message);
    }
}
