package io.dayshift.lab.model;

/**
 * A failure injected into a lab site.
 *
 * @param id      given by the site when the fault is injected ({@code f1}, {@code f2}…); ignored on input
 * @param type    what fails
 * @param target  what it applies to (see {@link FaultType}); {@code ""} for any
 * @param message the error text the failure shows, {@code ""} for the default
 * @param times   how many times the fault fires before it heals itself; 0 = until removed. Faults that are a
 *                state (a host down, a unit in error) ignore it.
 */
public record LabFault(String id, FaultType type, String target, String message, int times) {

    public LabFault {
        if (type == null) {
            throw new IllegalArgumentException("a fault needs a type, one of " + java.util.Arrays.toString(FaultType.values()));
        }
        id = id == null ? "" : id;
        target = target == null ? "" : target.strip();
        message = message == null ? "" : message;
        if (times < 0) {
            throw new IllegalArgumentException("times must be 0 (until removed) or more");
        }
        if (type.needsTarget() && target.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " fault needs a target");
        }
    }

    public static LabFault of(FaultType type, String target) {
        return new LabFault("", type, target, "", 0);
    }

    LabFault withId(String newId) {
        return new LabFault(newId, type, target, message, times);
    }

    LabFault fired() {
        return new LabFault(id, type, target, message, times - 1);
    }

    boolean appliesTo(String... candidates) {
        if (target.isEmpty()) {
            return true;
        }
        for (String candidate : candidates) {
            if (target.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    String messageOr(String fallback) {
        return message.isEmpty() ? fallback : message;
    }
}
