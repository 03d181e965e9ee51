package io.dayshift.lease;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What a runbook changes, as its model declares it on its process:
 * {@code <camunda:property name="leases" value="host:host, deployment"/>} — comma-separated items, each a kind
 * ({@code host}, {@code control-plane}, {@code databases}, {@code deployment}, {@code site}); a host item names the
 * run's variable that holds the host or hosts (comma-separated). The site is the run's {@code site}.
 */
record LeaseDeclaration(List<Item> items) {

    /** The process property that declares a runbook's leases. */
    static final String PROPERTY = "leases";

    record Item(LeaseTarget.Kind kind, String variable) {
    }

    /** Refused as the model is deployed when an item is not a lease kind, or a host item names no variable. */
    static LeaseDeclaration parse(String declared) {
        List<Item> items = new ArrayList<>();
        for (String item : declared.split(",")) {
            String[] parts = item.strip().split(":", 2);
            LeaseTarget.Kind kind = LeaseTarget.Kind.of(parts[0].strip());
            String variable = parts.length > 1 ? parts[1].strip() : "";
            if ((kind == LeaseTarget.Kind.HOST) == variable.isEmpty()) {
                throw new IllegalArgumentException("leases: '" + item.strip() + "': a host lease names the variable holding the host (host:host), "
                        + "a site-wide one names none");
            }
            items.add(new Item(kind, variable));
        }
        return new LeaseDeclaration(List.copyOf(items));
    }

    /** The targets on {@code site} this run's variables name now. */
    List<LeaseTarget> targets(String site, VariableScope run) {
        List<LeaseTarget> targets = new ArrayList<>();
        for (Item item : items) {
            if (item.kind() != LeaseTarget.Kind.HOST) {
                targets.add(new LeaseTarget(item.kind(), site, ""));
                continue;
            }
            Object hosts = run.getVariable(item.variable());
            if (hosts instanceof String names) {
                Arrays.stream(names.split(",")).map(String::strip).filter(h -> !h.isEmpty()).distinct()
                        .forEach(host -> targets.add(new LeaseTarget(LeaseTarget.Kind.HOST, site, host)));
            }
        }
        return targets;
    }
}
