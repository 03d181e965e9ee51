package io.dayshift.audit;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.claimAndComplete;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.testing.Browser;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.Users;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auditor view in a real browser (the system's Chromium, headless): an auditor logs in through the webapps' login
 * page, opens {@code /audit}, filters, moves to a run with the keyboard alone, reads its timeline and verification,
 * follows the pack link, and finds no button that changes anything. Screenshots of each page in {@code target/browser/}.
 * Only under {@code ./mvnw -o verify -Pbrowser}; skipped, saying how to install Chromium, where it is missing.
 */
@Tag(Browser.TAG)
@ExtendWith(Browser.Installed.class)
@RunbookEndToEndTest(timeFactor = "0")
class AuditViewBrowserTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
    }

    @Autowired
    EvidenceStore evidence;

    @Test
    void anAuditorLogsInFiltersReadsARunWithTheKeyboardAndFindsNothingToChange() throws Exception {
        // given a check of lab, and a drain of cn01 on lab that alice approved
        Http olga = user("olga", Roles.OPS_LEADS);
        Http alice = user("alice", Roles.APPROVERS);
        Users.ensure(identity, "audrey", Roles.AUDITORS);
        String check = start(olga, "{\"site\":{\"value\":\"lab\"}}", "site-health-check");
        awaitEnded(olga, check, LIMIT);
        String drain = start(olga, "{\"site\":{\"value\":\"lab\"},\"host\":{\"value\":\"cn01\"},\"reason\":{\"value\":\"firmware update\"}}",
                "drain-compute-node");
        claimAndComplete(alice, "alice", approvalOf(alice, drain), "{\"approve\":{\"value\":true},\"approvalReason\":{\"value\":\"tenants told\"}}");
        awaitEnded(olga, drain, LIMIT);

        try (Browser browser = Browser.open(port, 1366, 1800)) {
            // when the auditor opens /audit without a login, she is sent to the webapps' login page, and logs in there
            browser.go("/audit");
            browser.waitFor(By.cssSelector("form[name='signinForm']"));
            assertThat(browser.location()).startsWith("/camunda/app/cockpit/default/");
            browser.screenshot("login");
            browser.logInHere("audrey", Users.PASSWORD);

            // then /audit shows the runs she may read, under her name
            browser.go("/audit");
            assertThat(browser.title()).isEqualTo("Runs — Dayshift audit");
            assertThat(browser.text()).contains("Signed in as audrey").contains("Host drained").contains("Site green");
            assertThat(runLinks(browser)).contains("/audit/runs/" + drain, "/audit/runs/" + check);
            browser.screenshot("runs");

            // when she filters by runbook and site
            browser.choose("Runbook", "drain-compute-node").type("Site", "lab").press("Filter");

            // then only the drain is listed, and the form keeps her filters
            assertThat(browser.location()).contains("runbook=drain-compute-node").contains("site=lab");
            assertThat(runLinks(browser)).containsExactly("/audit/runs/" + drain);
            assertThat(browser.find(By.id("f-site")).getAttribute("value")).isEqualTo("lab");
            browser.screenshot("runs-filtered");

            // and an auditor finds no button that changes anything: the one button searches (a GET form)
            assertThat(browser.all(By.tagName("button"))).extracting(WebElement::getText).containsExactly("Filter");
            assertThat(browser.all(By.tagName("form"))).extracting(f -> f.getAttribute("method")).containsExactly("get");

            // when she moves with the keyboard alone: the first Tab reaches the skip link, more Tabs the run, Enter opens it
            List<WebElement> path = browser.tabUntil(e -> ("/audit/runs/" + drain).equals(e.getDomAttribute("href")), 40);
            assertThat(path.get(0).getDomProperty("textContent")).isEqualTo("Skip to content");
            assertThat(path.get(0).getDomAttribute("href")).isEqualTo("#main");
            browser.enter();

            // then the run's page shows its header, its verification, its approval and its journal as a timeline
            assertThat(browser.location()).isEqualTo("/audit/runs/" + drain);
            String text = browser.text();
            assertThat(text).contains("Run of Drain compute node").containsPattern("Started by\\s+olga").contains("Host drained");
            assertThat(browser.find(By.cssSelector("p.intact")).getText()).startsWith("Intact: the journal's " + evidence.entries(drain).size() + " entries");
            assertThat(browser.find(By.cssSelector("section[aria-labelledby='decisions']")).getText()).contains("APPROVAL").contains("by alice")
                    .contains("tenants told");
            assertThat(browser.all(By.cssSelector("table.journal tbody tr"))).hasSize(evidence.entries(drain).size());
            assertThat(browser.all(By.tagName("button"))).isEmpty();
            assertThat(browser.all(By.tagName("form"))).isEmpty();
            browser.screenshot("run");

            // and a long detail, folded, opens with the keyboard: Tab to its summary, Enter
            assertThat(browser.all(By.cssSelector("table.journal details"))).isNotEmpty();
            assertThat(browser.all(By.cssSelector("table.journal details[open]"))).isEmpty();
            List<WebElement> toSummary = browser.tabUntil(e -> "summary".equals(e.getTagName()), 200);
            browser.key(org.openqa.selenium.Keys.ENTER);
            assertThat(toSummary.get(toSummary.size() - 1).findElement(By.xpath("..")).getDomProperty("open")).isEqualTo("true");
            browser.screenshot("run-detail-open");

            // when she follows the pack link, with the same login (no second login asked)
            browser.follow("Evidence pack (HTML, to read and print)");
            assertThat(browser.location()).isEqualTo("/api/runs/" + drain + "/evidence.html");
            assertThat(browser.all(By.cssSelector("form[name='signinForm']"))).isEmpty();
            assertThat(browser.source()).doesNotContain("Unauthorized");
            browser.screenshot("pack");
        }
    }

    private List<String> runLinks(Browser browser) {
        return browser.all(By.cssSelector("table.runs tbody th a")).stream().map(a -> a.getDomAttribute("href")).toList();
    }

    private String start(Http who, String variables, String runbook) throws Exception {
        HttpResponse<String> started = who.postJson("/engine-rest/process-definition/key/" + runbook + "/start", "{\"variables\":" + variables + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return JSON.readTree(started.body()).path("id").asText();
    }

    private static JsonNode approvalOf(Http approver, String run) throws Exception {
        Instant limit = Instant.now().plus(LIMIT);
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(approver.get("/engine-rest/task?processInstanceId=" + run + "&candidateGroup=approvers").body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no approval task for run " + run + " within " + LIMIT);
    }
}
