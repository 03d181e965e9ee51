package io.dayshift.audit;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.claimAndComplete;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.evidence.Decision;
import io.dayshift.evidence.Entry;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auditor view on the lab: runs of two runbooks on two sites by two people, read by an auditor at {@code /audit} over
 * HTTP basic; each filter narrows the list, a run's page shows its header, its approval, its journal as a timeline and
 * its verification, and what runs hold is shown as text.
 */
@RunbookEndToEndTest(timeFactor = "0")
class AuditViewEndToEndTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
    }

    @Autowired
    EvidenceStore evidence;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtimeService;

    private Http olga;
    private Http otto;
    private Http alice;
    private Http audrey;

    @BeforeEach
    void people() {
        olga = user("olga", Roles.OPS_LEADS);
        otto = user("otto", Roles.OPS_LEADS);
        alice = user("alice", Roles.APPROVERS);
        audrey = user("audrey", Roles.AUDITORS);
    }

    @Test
    void eachFilterNarrowsTheListAndARunShowsItsApprovalTimelineAndVerification() throws Exception {
        // given olga's check of lab, otto's check of lab-charmed, olga's check of a site that does not exist, and olga's drain
        // of cn01 on lab waiting for its approval
        String labCheck = start(olga, "site-health-check", "lab", null);
        awaitEnded(olga, labCheck, LIMIT);
        String charmedCheck = start(otto, "site-health-check", "lab-charmed", null);
        awaitEnded(otto, charmedCheck, LIMIT);
        String refused = startUnchecked("site-health-check", "atlantis");
        awaitEnded(olga, refused, LIMIT);
        String drain = start(olga, "drain-compute-node", "lab", "cn01");
        JsonNode approval = approvalOf(drain);

        // then the auditor sees them all, newest first
        String all = page("/audit");
        assertThat(all).contains(drain, labCheck, charmedCheck, refused);
        assertThat(all.indexOf(drain)).isLessThan(all.indexOf(labCheck));

        // and each filter narrows the list
        assertThat(runsOn("/audit?runbook=drain-compute-node")).containsExactly(drain);
        assertThat(runsOn("/audit?site=lab-charmed")).containsExactly(charmedCheck);
        assertThat(runsOn("/audit?person=otto")).containsExactly(charmedCheck);
        assertThat(runsOn(otto, "/audit?person=me")).as("My runs, as the landing page links to them").containsExactly(charmedCheck);
        assertThat(runsOn("/audit?target=cn01")).containsExactly(drain);
        assertThat(runsOn("/audit?target=cn0")).isEmpty();
        assertThat(runsOn("/audit?state=running")).containsExactly(drain);
        assertThat(runsOn("/audit?state=failed")).contains(refused).doesNotContain(labCheck, drain);
        assertThat(runsOn("/audit?state=succeeded")).contains(labCheck).doesNotContain(refused, drain);
        assertThat(runsOn("/audit?site=lab&runbook=site-health-check&person=olga")).contains(labCheck).doesNotContain(charmedCheck, refused, drain);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(runsOn("/audit?from=" + today + "&to=" + today)).contains(drain, labCheck, charmedCheck, refused);
        assertThat(runsOn("/audit?from=2020-01-01&to=2020-01-31")).isEmpty();
        // and the outcome column says where each run ended, with its summary
        assertThat(page("/audit?state=failed")).contains("refused or failed").contains("Input rejected").contains("atlantis");
        // and the export link carries the same dates, site and runbook
        assertThat(page("/audit?site=lab&runbook=drain-compute-node&from=" + today))
                .contains("href=\"/api/evidence/export?from=" + today + "&amp;site=lab&amp;runbook=drain-compute-node\"");

        // when alice approves the drain and it drains cn01
        claimAndComplete(alice, "alice", approval, "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"tenants told, OPS-4711\"}}");
        awaitEnded(olga, drain, LIMIT);
        assertThat(runsOn("/audit?state=succeeded&runbook=drain-compute-node")).containsExactly(drain);

        // then its page shows its header, the approval, the journal as a timeline, the verification and the links
        String run = page("/audit/runs/" + drain);
        assertThat(run).contains("<dd>drain-compute-node, version 1</dd>").contains("<dd>lab</dd>").contains("<dd>cn01</dd>")
                .contains("<dd>olga</dd>").contains("<strong>Host drained</strong>").contains("Host cn01 on site lab drained");
        String decisions = section(run, "decisions");
        assertThat(decisions).contains(Decision.APPROVAL).contains("by alice").contains("tenants told, OPS-4711");
        List<Entry> journal = evidence.entries(drain);
        assertThat(journal).extracting(Entry::kind).contains(Entry.CALL, Decision.APPROVAL, Entry.RUN_ENDED);
        String timeline = section(run, "journal");
        assertThat(timeline).contains(journal.size() + " entries, in the order they were written");
        assertThat(count(timeline, "<tr id=\"entry-")).isEqualTo(journal.size());
        Entry call = journal.stream().filter(e -> Entry.CALL.equals(e.kind())).findFirst().orElseThrow();
        assertThat(timeline).contains("<tr id=\"entry-" + call.seq() + "\">").contains(call.origin()).contains(call.step());
        assertThat(section(run, "verification")).contains("Intact: the journal's " + journal.size() + " entries match their hashes, and so "
                + "does its link in the site's chain.");
        assertThat(run).contains("href=\"/api/runs/" + drain + "/evidence.html\"").contains("href=\"/api/runs/" + drain + "/evidence.json\"")
                .contains("href=\"/camunda/app/cockpit/default/#/process-instance/" + drain + "\"")
                .contains("Cockpit shows running runs only: this run has ended");
        // and nothing on it changes anything: no form but the search, no script
        assertThat(run).doesNotContain("<script").doesNotContain("method=\"post\"");
    }

    @Test
    void whatRunsHoldIsShownAsTextNeverAsMarkup() throws Exception {
        // given a run started on a "site" that is a piece of script (by the engine, as a timer or an alert starts a run):
        // its input check refuses it, naming it in its summary
        String script = "<script>alert(1)</script>";
        String run = startUnchecked("site-health-check", script);
        awaitEnded(olga, run, LIMIT);

        // then the list and the run's page show it as text
        for (String path : List.of("/audit", "/audit/runs/" + run)) {
            String body = page(path);
            assertThat(body).as(path).doesNotContain(script).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        // and a filter that holds it is refused, naming the field, as text
        HttpResponse<String> refused = audrey.get("/audit?site=" + java.net.URLEncoder.encode(script, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("site: a site name such as lab").contains("'&lt;script&gt;alert(1)&lt;/script&gt;'")
                .doesNotContain(script);
    }

    @Test
    void aJournalEntryChangedInTheDatabaseShowsTheRunNotIntactNamingTheEntry() throws Exception {
        // given a finished run whose journal verifies
        String run = start(olga, "site-health-check", "lab", null);
        awaitEnded(olga, run, LIMIT);
        assertThat(section(page("/audit/runs/" + run), "verification")).contains("Intact");
        Entry second = evidence.entries(run).get(1);

        // when someone with the database's keys lifts the append-only trigger and rewrites the second entry's outcome
        String trigger = "dayshift_evidence_append_only";
        jdbc.execute("DROP TRIGGER " + trigger);
        try {
            jdbc.update("UPDATE dayshift_evidence SET outcome = ? WHERE run_id = ? AND seq = 2", "200 OK (rewritten)", run);
        } finally {
            jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE, DELETE ON dayshift_evidence FOR EACH ROW CALL "
                    + "'io.dayshift.evidence.AppendOnlyTrigger'");
        }

        // then the run's page says it is not intact, naming the entry, its step and what differs; the changed row is shown
        String verification = section(page("/audit/runs/" + run), "verification");
        assertThat(verification).contains("Not intact: ").contains("entry 2 (" + second.step() + ") of the run chain " + run)
                .contains("its content does not match its hash");
        assertThat(page("/audit/runs/" + run)).contains("200 OK (rewritten)");
    }

    @Test
    void badFiltersAreAnswered400NamingEachFieldAndWhatItExpects() {
        HttpResponse<String> answer = audrey.get("/audit?from=yesterday&state=done&page=-1");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(answer.body()).contains("These filters cannot be used").contains("from: a day as YYYY-MM-DD, such as 2026-12-07, not 'yesterday'")
                .contains("state: one of running (running), succeeded").contains("page: a page number from 1 to 100000");
        assertThat(audrey.get("/audit/runs/not%20a%20run").statusCode()).isEqualTo(404);
    }

    /** Starts a runbook as {@code who}; the run's id. */
    private String start(Http who, String runbook, String site, String host) throws Exception {
        String variables = "\"site\":{\"value\":" + JSON.writeValueAsString(site) + "}" + (host == null ? ""
                : ",\"host\":{\"value\":\"" + host + "\"},\"reason\":{\"value\":\"firmware update\"}");
        HttpResponse<String> started = who.postJson("/engine-rest/process-definition/key/" + runbook + "/start", "{\"variables\":{" + variables + "}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return JSON.readTree(started.body()).path("id").asText();
    }

    /**
     * Starts a runbook on {@code site} through the engine itself, as a timer or an alert does, past the start check that a
     * person's start over HTTP meets, so that the runbook's own input check refuses it into its summary.
     */
    private String startUnchecked(String runbook, String site) {
        return runtimeService.startProcessInstanceByKey(runbook, Map.of("site", site)).getId();
    }

    private JsonNode approvalOf(String run) throws Exception {
        Instant limit = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(alice.get("/engine-rest/task?processInstanceId=" + run + "&candidateGroup=approvers").body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no approval task for run " + run + " within " + LIMIT);
    }

    private String page(String path) {
        HttpResponse<String> answer = audrey.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The runs a page of the list links to, in order. */
    private List<String> runsOn(String path) {
        return runsOn(audrey, path);
    }

    private List<String> runsOn(Http reader, String path) {
        HttpResponse<String> answer = reader.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        Matcher links = Pattern.compile("<th scope=\"row\"><a href=\"/audit/runs/([^\"]+)\"").matcher(answer.body());
        List<String> runs = new java.util.ArrayList<>();
        while (links.find()) {
            runs.add(links.group(1));
        }
        return runs;
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<section aria-labelledby=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
