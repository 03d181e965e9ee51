package io.dayshift.lab.model;

/** A Juju status value and its message ({@code ""} for none). */
public record JujuStatus(String current, String message) {

    public JujuStatus {
        message = message == null ? "" : message;
    }

    public static JujuStatus of(String current) {
        return new JujuStatus(current, "");
    }
}
