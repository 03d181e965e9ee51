package io.dayshift.lease;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/leases}: who holds what, since when — for every signed-in user (ops leads, approvers, auditors). */
@RestController
class LeaseEndpoint {

    private final LeaseStore store;

    LeaseEndpoint(LeaseStore store) {
        this.store = store;
    }

    record Held(String target, String kind, String site, String host, String run, String runbook, String startedBy, String since) {
    }

    @GetMapping("/api/leases")
    List<Held> leases() {
        return store.all().stream().map(l -> new Held(l.target().describe(), l.target().kind().word(), l.target().site(), l.target().name(),
                l.run(), l.runbook(), l.startedBy(), l.since().toString())).toList();
    }
}
