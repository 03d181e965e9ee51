package io.dayshift.runbook.drain;

/**
 * An instance that left the host: where it went, how ({@code live} or {@code cold}), and where the plan expected it.
 */
public record InstanceMove(String id, String name, String fromHost, String toHost, String how, String expectedHost) {
}
