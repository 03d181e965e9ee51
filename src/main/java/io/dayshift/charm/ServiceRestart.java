package io.dayshift.charm;

import java.util.List;

/**
 * How the services of a charm's unit are restarted, as the charm itself provides it.
 *
 * @param charm    the charm name ({@code rabbitmq-server})
 * @param way      the charm's {@code restart-services} action, its {@code pause} then {@code resume} actions, or (a charm with
 *                 neither) {@code systemctl restart} of the services it declares, through {@code juju exec}
 * @param services the systemd units the charm declares ({@code rabbitmq-server}); the {@code services} parameter of
 *                 {@code restart-services}, the units {@code systemctl} restarts; empty for pause/resume
 */
public record ServiceRestart(String charm, Way way, List<String> services) {

    /** How a restart is done. */
    public enum Way {
        /** {@code juju run <unit> restart-services deferred-only=false services="<services>"}. */
        RESTART_SERVICES_ACTION,
        /** {@code juju run <unit> pause}, then {@code juju run <unit> resume}. */
        PAUSE_RESUME,
        /** {@code juju exec --unit <unit> -- systemctl restart <service>} for each declared service. */
        SYSTEMD
    }

    public ServiceRestart {
        services = List.copyOf(services);
    }

    /** For people: {@code the charm's restart-services action (services=rabbitmq-server)}. */
    public String describe() {
        return switch (way) {
            case RESTART_SERVICES_ACTION -> "the charm's restart-services action (services=" + String.join(" ", services) + ")";
            case PAUSE_RESUME -> "the charm's pause then resume actions";
            case SYSTEMD -> "systemctl restart " + String.join(", ", services) + " through juju exec (the charm has no restart action)";
        };
    }
}
