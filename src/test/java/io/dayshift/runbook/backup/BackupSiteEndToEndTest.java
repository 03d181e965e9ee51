package io.dayshift.runbook.backup;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.historicVariables;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.backup.Artefact;
import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupSet;
import io.dayshift.lab.model.LabSite;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with the lab and the job executor on, driven over REST only: an ops lead starts a full backup of each lab
 * site, the engine runs every part (no approval: nothing is changed on the cloud), and an auditor reads the outcome; the
 * artefacts are on the lab's hosts with the recorded checksums. The wall time of each run is printed (not asserted).
 */
@RunbookEndToEndTest(timeFactor = "0")
class BackupSiteEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void lab(DynamicPropertyRegistry registry) {
        registry.add("dayshift.backup.poll-interval", () -> "PT1S");
    }

    @Autowired
    BackupCatalogue catalogue;

    private Http olga;
    private Http audrey;

    @BeforeEach
    void users() {
        olga = user("olga", Roles.OPS_LEADS);
        audrey = user("audrey", Roles.AUDITORS);
    }

    @Test
    void anOpsLeadBacksUpTheKollaLabAndAnAuditorReadsWhatWasBackedUp() throws Exception {
        backUpAndCheck("lab", 4);
    }

    @Test
    void anOpsLeadBacksUpTheCharmedLabAndAnAuditorReadsWhatWasBackedUp() throws Exception {
        backUpAndCheck("lab-charmed", 5);
    }

    private void backUpAndCheck(String site, int artefacts) throws Exception {
        // given an auditor, who may not start runbooks
        String body = "{\"variables\":{\"site\":{\"value\":\"" + site + "\",\"type\":\"String\"},\"scope\":{\"value\":\"full\",\"type\":\"String\"}}}";
        assertThat(audrey.postJson("/engine-rest/process-definition/key/backup-site/start", body).statusCode()).isEqualTo(403);

        // when an ops lead starts a full backup
        Instant startedAt = Instant.now();
        HttpResponse<String> started = olga.postJson("/engine-rest/process-definition/key/backup-site/start", body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("id").asText();

        // then the engine runs it to its end without an incident
        JsonNode run = awaitEnded(olga, id, Duration.ofSeconds(90));
        System.out.printf("backup-site %s: %d ms wall time from start to end%n", site, Duration.between(startedAt, Instant.now()).toMillis());
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(run.path("startUserId").asText()).isEqualTo("olga");
        JsonNode ends = JSON.readTree(audrey.get("/engine-rest/history/activity-instance?processInstanceId=" + id
                + "&activityId=" + BackupSite.Elements.SITE_BACKED_UP_END).body());
        assertThat(ends).hasSize(1);

        // and an auditor reads the output contract from the history
        Map<String, JsonNode> variables = historicVariables(audrey, id);
        assertThat(variables.get("backupComplete").path("value").asBoolean()).isTrue();
        String backupId = variables.get("backupId").path("value").asText();
        assertThat(backupId).startsWith(site + "-");
        assertThat(variables.get("summary").path("value").asText()).contains("): complete.").contains("started by olga");
        assertThat(variables.get("steps").path("valueInfo").path("serializationDataFormat").asText()).isEqualTo("application/json");

        // and every artefact is on its lab host with the recorded checksum
        BackupSet set = catalogue.find(backupId).orElseThrow();
        LabSite model = lab.require(site);
        assertThat(set.artefacts()).hasSize(artefacts).allSatisfy(a -> {
            assertThat(a.verified()).isTrue();
            assertThat(model.backup().fileChecksum(a.path())).contains(a.sha256());
        });
        System.out.printf("backup-site %s: %s%n", site, set.artefacts().stream().map(Artefact::kind).toList());
    }
}
