package io.dayshift.runbook.sev1;

import static io.dayshift.runbook.sev1.Sev1Incident.Variables.EVIDENCE;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** The evidence of one diagnosis, section by section, kept to the configured size (the newest kept). */
final class Evidence {

    private Evidence() {
    }

    static void append(DelegateExecution execution, String section, int maxChars) {
        String all = EVIDENCE.find(execution).orElse("") + section + (section.endsWith("\n") ? "" : "\n");
        EVIDENCE.set(execution, Sev1Incident.tail(all, maxChars));
    }
}
