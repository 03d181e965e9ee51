package io.dayshift.runbook.healthcheck;

import static io.dayshift.runbook.RunVariables.SITE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.charm.ActionResult;
import io.dayshift.charm.Application;
import io.dayshift.charm.CharmModel;
import io.dayshift.charm.CharmModelException;
import io.dayshift.charm.Unit;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckDatabaseCluster} (charmed sites): the {@code cluster-status} action on the leader of each
 * mysql-innodb-cluster application, graded by the cluster's status. A leader that cannot run it is a red finding.
 */
@Component("checkDatabaseCluster")
class CheckDatabaseClusterDelegate implements JavaDelegate {

    static final String CHARM = "mysql-innodb-cluster";

    private final Sites sites;
    private final CharmModel charms;
    private final ObjectMapper json = new ObjectMapper();

    CheckDatabaseClusterDelegate(Sites sites, CharmModel charms) {
        this.sites = sites;
        this.charms = charms;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Site site = sites.require(SITE.get(execution));
        List<Finding> findings = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (Application app : charms.status(site).applications().values().stream().filter(a -> a.charm().equals(CHARM)).toList()) {
            Unit leader = app.leader().orElse(null);
            if (leader == null) {
                findings.add(HealthRules.red("database-cluster", app.name(), "has no leader unit to run cluster-status"));
                continue;
            }
            asked.add(leader.name());
            ActionResult result = charms.runAction(site, leader.name(), "cluster-status", Map.of());
            JsonNode set = parse(site, leader.name(), result.results().getOrDefault("cluster-status", "")).path("defaultReplicaSet");
            Map<String, String> members = new TreeMap<>();
            set.path("topology").properties().forEach(m -> members.put(m.getKey(), m.getValue().path("status").asText("")));
            findings.addAll(HealthRules.innodbCluster(app.name(), set.path("status").asText("UNKNOWN"), set.path("statusText").asText(""), members));
        }
        SiteHealthCheck.record(execution, "juju run <leader> cluster-status on " + (asked.isEmpty() ? "no " + CHARM + " application" : String.join(", ", asked)),
                site.name(), asked.size() + " database cluster(s)", findings);
    }

    private JsonNode parse(Site site, String unit, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CharmModelException("site " + site.name() + ": cluster-status on " + unit + " did not return the cluster's JSON status");
        }
    }
}
