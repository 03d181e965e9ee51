package io.dayshift.notify;

/** A way of reaching people. */
public enum Channel {
    /** A Slack-compatible incoming webhook. */
    CHAT,
    /** Mail over SMTP. */
    EMAIL
}
