package io.dayshift.approval;

import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which {@link ApprovalRule} applies to an approval step: each setting is taken from the narrowest place that gives it —
 * {@code dayshift.sites.<site>.approvals.<runbook>.steps.<step>}, then {@code …approvals.<runbook>} of the site, then the
 * same two under {@code dayshift.approvals} (every site), then the default: one person of {@code approvers}.
 */
@Component
class ApprovalPolicy {

    private final ObjectProvider<Sites> sites;
    private final ApprovalDefaults defaults;

    ApprovalPolicy(ObjectProvider<Sites> sites, ApprovalDefaults defaults) {
        this.sites = sites;
        this.defaults = defaults;
    }

    ApprovalRule rule(String site, String runbook, String step) {
        List<Site.Approval> narrowestFirst = new ArrayList<>();
        Optional.ofNullable(site).flatMap(name -> sites.getObject().find(name)).ifPresent(s -> add(narrowestFirst, s.approvals(), runbook, step));
        add(narrowestFirst, defaults.approvals(), runbook, step);
        return new ApprovalRule(first(narrowestFirst, Site.Approval::groups, ApprovalRule.DEFAULT.groups()),
                first(narrowestFirst, Site.Approval::required, ApprovalRule.DEFAULT.required()));
    }

    private static void add(List<Site.Approval> into, Map<String, Site.Approval> approvals, String runbook, String step) {
        Site.Approval forRunbook = approvals.get(runbook);
        if (forRunbook != null) {
            Optional.ofNullable(forRunbook.steps().get(step)).ifPresent(into::add);
            into.add(forRunbook);
        }
    }

    private static <T> T first(List<Site.Approval> settings, Function<Site.Approval, T> field, T fallback) {
        return settings.stream().map(field).filter(Objects::nonNull).findFirst().orElse(fallback);
    }
}
