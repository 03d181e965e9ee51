package io.dayshift.charm;

/**
 * A Juju status value: {@code current} ({@code active}, {@code idle}, {@code started}, {@code provisioning error}…)
 * and its message ({@code ""} when Juju gave none).
 */
public record EntityStatus(String current, String message) {

    public static final EntityStatus UNKNOWN = new EntityStatus("unknown", "");

    public EntityStatus {
        current = current == null ? "unknown" : current;
        message = message == null ? "" : message;
    }

    public boolean is(String value) {
        return current.equals(value);
    }

    /** {@code active ("Unit is ready")}, for messages. */
    public String describe() {
        return message.isEmpty() ? current : current + " (\"" + message + "\")";
    }
}
