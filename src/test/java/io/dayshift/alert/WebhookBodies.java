package io.dayshift.alert;

/**
 * Webhook bodies as Alertmanager sends them (payload version "4", the fields of its documented
 * {@code webhook_config} payload, {@code truncatedAlerts} included); every alert starts at the same time.
 */
final class WebhookBodies {

    static final String STARTS_AT = "2026-11-21T09:59:30.123Z";

    private WebhookBodies() {
    }

    /** A webhook body as Alertmanager sends it (payload version "4"). */
    static String notification(String status, String... alerts) {
        return """
                {
                  "version": "4",
                  "groupKey": "{}:{alertname=\\"HypervisorDown\\"}",
                  "truncatedAlerts": 0,
                  "status": "%s",
                  "receiver": "dayshift",
                  "groupLabels": {"alertname": "HypervisorDown"},
                  "commonLabels": {"alertname": "HypervisorDown", "site": "east"},
                  "commonAnnotations": {},
                  "externalURL": "http://alertmanager.example.org:9093",
                  "alerts": [%s]
                }
                """.formatted(status, String.join(",", alerts));
    }

    static String alert(String status, String fingerprint, String alertname, String severity, String site) {
        return """
                {
                  "status": "%s",
                  "labels": {"alertname": "%s", "severity": "%s", "site": "%s", "instance": "compute-07"},
                  "annotations": {"summary": "Hypervisor compute-07 is down", "runbook_url": "https://wiki.example.org/hv"},
                  "startsAt": "%s",
                  "endsAt": "%s",
                  "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=up",
                  "fingerprint": "%s"
                }
                """.formatted(status, alertname, severity, site, STARTS_AT,
                status.equals("resolved") ? "2026-11-21T10:20:00Z" : "0001-01-01T00:00:00Z", fingerprint);
    }
}
