package io.dayshift.approval;

import io.dayshift.site.Site;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code dayshift.approvals}: the approval settings of every site, per runbook (its process key); a site's own
 * {@code approvals} take precedence, field by field ({@link ApprovalPolicy}).
 */
@ConfigurationProperties("dayshift")
record ApprovalDefaults(Map<String, Site.Approval> approvals) {

    ApprovalDefaults {
        approvals = approvals == null ? Map.of() : Map.copyOf(approvals);
    }
}
