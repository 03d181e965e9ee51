package io.dayshift.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Sites;
import io.dayshift.testing.ProcessTestFixture;
import io.dayshift.testing.RunbookProcessTest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Secrets never enter the evidence journal: real runbooks and every tool's calls on the lab, with the lab's configured
 * secrets (its OpenStack password, MAAS API keys, SSH private keys), then every column of every journal table searched, and
 * every run's evidence pack (JSON, page, CSV line).
 */
@RunbookProcessTest(timeFactor = "0", coverage = false)
@Import(EvidenceProbe.class)
class EvidenceSecretsTest extends ProcessTestFixture {

    @Autowired
    DataSource dataSource;
    @Autowired
    Sites sites;
    @Autowired
    io.dayshift.evidence.pack.EvidencePacks packs;
    @Autowired
    io.dayshift.evidence.pack.PackJson packJson;

    @Test
    void runsOnTheLabLeaveNoSecretInTheJournal() throws Exception {
        // given the secrets the lab's sites are configured with
        List<String> secrets = new ArrayList<>(List.of(lab.openstackPassword(), lab.maasApiKey("lab"), lab.maasApiKey("lab-charmed")));
        for (String site : List.of("lab", "lab-charmed")) {
            String key = Files.readString(site.equals("lab") ? sites.require(site).kollaDeployer().privateKey() : sites.require(site).jujuHost().privateKey());
            secrets.add(key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow());
        }
        secrets.addAll(List.of(lab.maasApiKey("lab").split(":")));

        // when the health check runs on both sites and each tool is called, once failing
        List<String> runs = new ArrayList<>();
        for (String site : List.of("lab", "lab-charmed")) {
            runs.add(runtime.startProcessInstanceByKey(SiteHealthCheck.PROCESS_KEY, Map.of("site", site)).getId());
        }
        for (String tool : List.of("ssh", "maas", "openstack", "kolla")) {
            runs.add(runtime.startProcessInstanceByKey("evidence-probe", Map.of("site", "lab", "tool", tool, "fail", false)).getId());
        }
        runs.add(runtime.startProcessInstanceByKey("evidence-probe", Map.of("site", "lab-charmed", "tool", "juju", "fail", false)).getId());
        runbooks.runJobs();
        ProcessInstance failing = runtime.startProcessInstanceByKey("evidence-probe", Map.of("site", "lab", "tool", "maas", "fail", true));
        runbooks.exhaustRetries(failing);

        // then the journal holds their calls
        String journal = journalAsText();
        assertThat(journal).contains("HTTP 200", "$ ", "kolla-ansible", "mysqldump", "/os-services", SiteHealthCheck.PROCESS_KEY, "CALL_NOT_COMMITTED");
        // and none of the secrets
        for (String secret : secrets.stream().filter(s -> s.length() >= 4).toList()) {
            assertThat(journal).as("secret %s…", secret.substring(0, 3)).doesNotContain(secret);
        }
    }

    @Test
    void packsOfRunsOnTheLabHoldNoSecretNotEvenOneGivenAsAnInput() throws Exception {
        // given the lab's configured secrets, and runs of the health check and of each tool, one started with a secret among
        // its inputs: once under a name that says it is a credential, once in an ordinary note
        List<String> secrets = new ArrayList<>(List.of(lab.openstackPassword(), lab.maasApiKey("lab")));
        String key = Files.readString(sites.require("lab").kollaDeployer().privateKey());
        secrets.add(key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow());
        secrets.addAll(List.of(lab.maasApiKey("lab").split(":")));
        List<String> runs = new ArrayList<>();
        runs.add(runtime.startProcessInstanceByKey(SiteHealthCheck.PROCESS_KEY, Map.of("site", "lab")).getId());
        for (String tool : List.of("ssh", "maas", "openstack", "kolla")) {
            runs.add(runtime.startProcessInstanceByKey("evidence-probe", Map.of("site", "lab", "tool", tool, "fail", false,
                    "adminPassword", "not-a-configured-secret-1f3", "note", "the password is " + lab.openstackPassword())).getId());
        }
        runbooks.runJobs();

        // when each run's pack is built and rendered
        StringBuilder all = new StringBuilder();
        for (String run : runs) {
            io.dayshift.evidence.pack.EvidencePack pack = packs.of(run).orElseThrow();
            all.append(packJson.write(pack)).append(io.dayshift.evidence.pack.PackHtml.render(pack)).append(io.dayshift.evidence.pack.RunsCsv.line(pack));
        }

        // then they hold the runs' calls, the input named a credential withheld, the note masked, and no secret anywhere
        assertThat(all).contains("HTTP 200", "kolla-ansible", "/os-services", "(withheld: a credential)", "the password is ****")
                .doesNotContain("not-a-configured-secret-1f3");
        for (String secret : secrets.stream().filter(s -> s.length() >= 4).toList()) {
            assertThat(all.toString()).as("secret %s…", secret.substring(0, 3)).doesNotContain(secret);
        }
    }

    /** Every column of every table of the journal, as text. */
    private String journalAsText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "DAYSHIFT_EVIDENCE%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("DAYSHIFT_EVIDENCE", "DAYSHIFT_EVIDENCE_RUN", "DAYSHIFT_EVIDENCE_SITE_CHAIN");
            for (String table : tables) {
                try (ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getString(i)).append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }
}
