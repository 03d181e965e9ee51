package io.dayshift.runbook;

import static io.dayshift.testing.EngineRest.awaitEnded;
import static io.dayshift.testing.EngineRest.claimAndComplete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dayshift.access.Roles;
import io.dayshift.lab.model.Instance;
import io.dayshift.testing.Browser;
import io.dayshift.testing.EndToEndFixture;
import io.dayshift.testing.Http;
import io.dayshift.testing.RunbookEndToEndTest;
import io.dayshift.testing.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The start and approval forms of the drain and of the Sev-1 as people use them: in Tasklist, in a real browser (the
 * system's Chromium, headless). An ops lead starts a drain from its start form, an approver reads its plan tables and
 * approves it, and the host ends empty; a start with a field left out, or a host that is not a host name, is refused in
 * words; a Sev-1 is opened from its start form, its mitigation chosen, its evacuation approved from its table of
 * instances and local data, and its post-mortem written from its timeline. Screenshots of each form in
 * {@code target/browser/}. Only under {@code ./mvnw -o verify -Pbrowser}; skipped, saying how to install Chromium, where
 * it is missing.
 */
@Tag(Browser.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunbookEndToEndTest(timeFactor = "0")
class ConsoleFormsBrowserTest extends EndToEndFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(180);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("dayshift.runbooks.drain-compute-node.check-interval", () -> "PT1S");
        registry.add("dayshift.runbooks.sev1-incident.check-interval", () -> "PT1S");
    }

    @BeforeAll
    static void aBrowserIsInstalled() {
        String why = Browser.whyUnavailable();
        assumeTrue(why == null, () -> "browser check skipped: " + why);
    }

    @Test
    @Order(1)
    void anOpsLeadStartsADrainInTasklistAnApproverApprovesItsPlanTablesAndTheHostEndsEmpty() throws Exception {
        Http olga = user("olga", Roles.OPS_LEADS);
        Http alice = user("alice", Roles.APPROVERS);

        try (Browser browser = Browser.open(port, 1600, 1400)) {
            browser.logIn("tasklist", "olga", Users.PASSWORD);

            // when olga opens Start process, the drain is listed by its one-line description
            openStartForm(browser, "Drain compute node:", "drain-start-list");

            // and she submits the start form with the reason left out: the form says so next to the field, nothing starts
            chooseOption(browser, "Site", "lab");
            fill(browser, "Compute host", "cn01");
            browser.click("Start");
            WebElement reason = field(browser, "Reason");
            browser.waitUntil(() -> reason.getText().contains("required"), "the reason to be asked for");
            assertThat(reason.getText()).contains("Field is required");
            browser.screenshot("drain-start-reason-missing", form(browser));
            assertThat(runs(olga, "drain-compute-node")).isEmpty();

            // and when she gives a host that is not a host name, Tasklist shows the refusal in words, and nothing starts
            fill(browser, "Compute host", "cn01; reboot");
            fill(browser, "Reason", "firmware update");
            browser.screenshot("drain-start-malformed-host", form(browser));
            browser.click("Start");
            browser.waitUntil(() -> browser.text().contains("The run was not started"), "the refusal");
            assertThat(browser.text()).contains("The run was not started, nothing was changed")
                    .contains("host: 'cn01; reboot' is not a host name: expected a host name such as cn01 or cn01.example.org (letters, digits and dashes, in parts separated by dots)")
                    .doesNotContain("^[").doesNotContain("An error happened");
            browser.screenshot("drain-start-refused-in-words");
            assertThat(runs(olga, "drain-compute-node")).isEmpty();

            // when she corrects the host and starts the drain of cn01 on lab
            fill(browser, "Compute host", "cn01");
            browser.screenshot("drain-start-filled", form(browser));
            browser.click("Start");
            browser.waitUntil(() -> !runs(olga, "drain-compute-node").isEmpty(), "the run to start");
            browser.screenshot("drain-started");
        }

        // then the run carries its name as business key
        JsonNode drain = single(runs(olga, "drain-compute-node").stream().filter(r -> "drain cn01 @ lab".equals(r.path("businessKey").asText())).toList());
        String id = drain.path("id").asText();
        JsonNode approval = approvalTask(alice, id);
        assertThat(approval.path("name").asText()).isEqualTo("Approve drain plan — drain cn01 @ lab");

        try (Browser browser = Browser.open(port, 1600, 1400)) {
            // when alice opens the approval task in Tasklist
            browser.logIn("tasklist", "alice", Users.PASSWORD);
            openTask(browser, approval, "drain-approval-list");

            // then she reads the plan as tables: instances from → to, hosts' usage before → after in %, thresholds in words, the raw text below
            List<List<String>> moves = table(browser, "Instances: where each is expected to go");
            assertThat(moves.get(0)).anySatisfy(h -> assertThat(h).containsIgnoringCase("from")).anySatisfy(h -> assertThat(h).containsIgnoringCase("to"));
            List<String> onCn01 = lab.require("lab").nova().instancesOn("cn01").stream().map(Instance::id).toList();
            assertThat(moves).hasSize(onCn01.size() + 1);
            assertThat(moves.subList(1, moves.size())).allSatisfy(row -> assertThat(row).contains("cn01"));
            List<List<String>> hosts = table(browser, "Other hosts: use of their capacity before and after the moves (%)");
            assertThat(hosts.size()).isGreaterThan(1);
            assertThat(hosts.get(0)).contains("Host", "vCPU before", "vCPU after", "RAM before", "RAM after", "Thresholds, after");
            // and the table fits the task pane: no wider than the form that holds it
            WebElement hostTable = field(browser, "Other hosts: use of their capacity before and after the moves (%)").findElement(By.tagName("table"));
            Object widths = browser.script("return [arguments[0].getBoundingClientRect().width, arguments[1].getBoundingClientRect().width];",
                    hostTable, form(browser));
            assertThat(((List<?>) widths).stream().map(w -> ((Number) w).doubleValue()).toList())
                    .satisfies(w -> assertThat(w.get(0)).as("table width vs form width %s", w).isLessThanOrEqualTo(w.get(1)));
            assertThat(hosts.subList(1, hosts.size())).allSatisfy(row -> assertThat(row.get(row.size() - 1))
                    .matches("(within|OVER) \\(vCPU \\d+ %, RAM \\d+ %, disk \\d+ %\\).*"));
            assertThat(table(browser, "Problems, warnings and reserves").toString()).contains("reserve");
            assertThat(form(browser).getText()).contains("the thresholds are the health check's");
            assertThat(field(browser, "The plan as text (what the tables above show, with the capacity figures)")
                    .findElement(By.tagName("textarea")).getDomProperty("value")).contains("cn01");
            assertThat(browser.find(By.cssSelector(".fjs-form")).getText()).doesNotContain("{{").doesNotContain("Invalid");
            screenshotForm(browser, "drain-approval-plan");

            // when she approves with a reason and completes the task
            tick(browser, "Approve this drain (leave unticked to reject it)");
            fill(browser, "Your reason", "tenants told");
            screenshotForm(browser, "drain-approval-approved");
            complete(browser, alice, approval, "drain-approval");
        }

        // then the run reaches its success end event and cn01 is empty
        awaitEnded(olga, id, LIMIT);
        assertThat(endEvents(olga, id)).containsExactly("EndEvent_HostDrained");
        assertThat(lab.require("lab").nova().instancesOn("cn01")).isEmpty();
    }

    @Test
    @Order(2)
    void anOpsLeadOpensASev1InTasklistChoosesTheEvacuationAnApproverApprovesItAndThePostMortemClosesIt() throws Exception {
        // given cn03 down on lab, an ops lead and an approver
        Http olga = user("olga", Roles.OPS_LEADS);
        Http alice = user("alice", Roles.APPROVERS);
        assertThat(admin().postJson("/api/lab/sites/lab/faults", "{\"type\":\"hypervisor-down\",\"target\":\"cn03\"}").statusCode()).isEqualTo(201);
        List<String> onCn03 = lab.require("lab").nova().instancesOn("cn03").stream().map(Instance::id).toList();
        assertThat(onCn03).isNotEmpty();
        String id;

        try (Browser browser = Browser.open(port, 1600, 1400)) {
            // when olga opens a Sev-1 from its start form in Tasklist
            browser.logIn("tasklist", "olga", Users.PASSWORD);
            openStartForm(browser, "Sev-1 incident:", "sev1-start-list");
            chooseOption(browser, "Site", "lab");
            fill(browser, "What is down", "Hypervisor cn03 is down");
            browser.screenshot("sev1-start-filled", form(browser));
            browser.click("Start");
            id = browser.waitUntil(() -> single(runs(olga, "sev1-incident")), "the incident to open").path("id").asText();

            // then its tasks are listed in Tasklist with their priority and due date
            JsonNode statusPage = task(olga, id, "Task_UpdateStatusPage");
            assertThat(statusPage.path("due").asText()).isNotBlank();
            browser.go("/camunda/app/tasklist/default/");
            browser.waitUntil(() -> browser.text().contains(statusPage.path("name").asText()), "the status page task in the list");
            String list = browser.find(By.cssSelector(".tasks-list")).getText();
            assertThat(list).contains(statusPage.path("name").asText()).contains("Due in").contains(statusPage.path("priority").asText());
            browser.screenshot("sev1-task-list");
            claimAndComplete(olga, "olga", statusPage, "{\"statusPageNote\":{\"value\":\"Investigating cn03\"}}");
            JsonNode choice = task(olga, id, "Task_ChooseMitigation");

            // when she chooses the evacuation of cn03 from the mitigation form
            openTask(browser, choice, "sev1-choose-mitigation-open");
            assertThat(field(browser, "Options (action target: why)").findElement(By.tagName("textarea")).getDomProperty("value")).contains("evacuate-host cn03");
            chooseRadio(browser, "Action", "Evacuate a failed hypervisor (fence it, rebuild its instances elsewhere)");
            chooseOption(browser, "Target", "cn03 — evacuate-host");
            fill(browser, "Note", "cn03 dead");
            screenshotForm(browser, "sev1-choose-mitigation");
            browser.click("Complete");
            browser.waitUntil(() -> json(olga.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=Task_ChooseMitigation").body()).isEmpty(),
                    "the choice to be completed");
        }

        JsonNode approval = task(alice, id, "Task_ApproveMitigation");
        try (Browser browser = Browser.open(port, 1600, 1400)) {
            // when alice opens the approval of the evacuation
            browser.logIn("tasklist", "alice", Users.PASSWORD);
            openTask(browser, approval, "sev1-approval-open");

            // then it shows the instances the evacuation rebuilds, from cn03, and what becomes of their local data
            List<List<String>> evacuation = table(browser, "Instances the evacuation rebuilds elsewhere, and what becomes of their local data");
            assertThat(evacuation).hasSize(onCn03.size() + 1);
            assertThat(evacuation.subList(1, evacuation.size())).allSatisfy(row -> assertThat(String.join(" | ", row)).contains("cn03")
                    .containsPattern("kept: no local disk \\(volume-backed\\)|AT RISK: \\d+ GiB local disk"));
            assertThat(table(browser, "Steps, in order").toString()).contains("force its nova-compute down");
            table(browser, "Warnings and notes");
            assertThat(form(browser).getText()).doesNotContain("{{");
            screenshotForm(browser, "sev1-approval");

            // when she approves with a reason
            tick(browser, "Approved");
            fill(browser, "Your reason", "fenced by IPMI");
            complete(browser, alice, approval, "sev1-approval");
        }

        JsonNode postMortem = task(olga, id, "Task_WritePostMortem");
        try (Browser browser = Browser.open(port, 1600, 1400)) {
            // when olga opens the post-mortem, it shows the incident's timeline
            browser.logIn("tasklist", "olga", Users.PASSWORD);
            openTask(browser, postMortem, "sev1-post-mortem-open");
            String timeline = table(browser, "Timeline of the incident (alert, phases, acknowledgements, status-page updates, mitigation chosen and approved, actions, resolution)")
                    .toString();
            assertThat(timeline).contains("status page updated: Investigating cn03 (by olga)").contains("evacuate-host").contains("alice")
                    .contains("fenced by IPMI");
            fill(browser, "Root cause", "PSU failure");
            fill(browser, "Follow-ups", "replace PSU, return-compute-node cn03");
            screenshotForm(browser, "sev1-post-mortem");
            browser.click("Complete");
            browser.waitUntil(() -> json(olga.get("/engine-rest/task?processInstanceId=" + id + "&taskDefinitionKey=Task_WritePostMortem").body()).isEmpty(),
                    "the post-mortem to be completed");
        }

        // then the incident closes at its success end event (whether every instance found room elsewhere depends on what the
        // drain before it left free: the lab is shared by both checks)
        awaitEnded(olga, id, LIMIT);
        assertThat(endEvents(olga, id)).contains("EndEvent_IncidentClosed").doesNotContain("EndEvent_InputRejected");
    }

    // ----- Tasklist and form-js, as a person uses them

    /** Opens Start process, screenshots the list, picks the runbook whose name starts with {@code name}, waits for its form. */
    private static void openStartForm(Browser browser, String name, String shot) {
        browser.click("Start process");
        WebElement item = browser.waitUntil(() -> browser.all(By.cssSelector(".modal a")).stream()
                .filter(a -> a.isDisplayed() && a.getText().strip().startsWith(name)).findFirst().orElse(null), "the runbook " + name + " in the list");
        browser.screenshot(shot);
        item.click();
        browser.waitFor(By.cssSelector(".modal .fjs-form"));
    }

    /** Opens the task in Tasklist (from its list, screenshotted), claims it and waits for its form. */
    private static void openTask(Browser browser, JsonNode task, String shot) {
        browser.go("/camunda/app/tasklist/default/#/?task=" + task.path("id").asText());
        browser.waitUntil(() -> browser.text().contains(task.path("name").asText()), "the task in the list");
        browser.waitFor(By.cssSelector(".fjs-form"));
        browser.screenshot(shot);
        browser.click("Claim");
        browser.waitUntil(() -> browser.all(By.xpath("//a|//button")).stream().noneMatch(b -> b.isDisplayed() && b.getText().strip().equals("Claim")),
                "the task to be claimed");
    }

    /**
     * Presses Complete on an approval and waits until the task is done. Tasklist submits the form's read-only fields (the
     * plan's text and fingerprint) with it, as shown; a refusal of them fails the check, with its screenshot.
     */
    private static void complete(Browser browser, Http approver, JsonNode task, String shot) {
        String taskId = task.path("id").asText();
        browser.click("Complete");
        String outcome = browser.waitUntil(() -> json(approver.get("/engine-rest/task?taskId=" + taskId).body()).isEmpty() ? "completed"
                : browser.text().contains("An error happened while submitting the task form") ? "refused" : null, "the approval to be completed");
        browser.screenshot(shot + "-" + outcome);
        assertThat(outcome).as("the approval submitted in Tasklist: %s", browser.text()).isEqualTo("completed");
    }

    private static WebElement form(Browser browser) {
        return browser.waitFor(By.cssSelector(".fjs-form"));
    }

    /** Screenshots the form: whole when it fits, field by field group when it scrolls inside its pane. */
    private static void screenshotForm(Browser browser, String name) {
        browser.screenshot(name, form(browser));
    }

    /** The form-js field whose label says {@code label} (a required field's asterisk aside). */
    private static WebElement field(Browser browser, String label) {
        return browser.waitUntil(() -> browser.all(By.cssSelector(".fjs-form-field")).stream().filter(f -> {
            List<WebElement> labels = f.findElements(By.cssSelector(".fjs-form-field-label"));
            return !labels.isEmpty() && labels.get(0).getText().replace("*", "").strip().equals(label);
        }).findFirst().orElse(null), "the field " + label);
    }

    private static void fill(Browser browser, String label, String text) {
        WebElement input = field(browser, label).findElement(By.cssSelector("input, textarea"));
        input.clear();
        input.sendKeys(text);
    }

    private static void tick(Browser browser, String label) {
        WebElement box = field(browser, label).findElement(By.cssSelector("input[type='checkbox']"));
        if (!box.isSelected()) {
            browser.script("arguments[0].click();", box);
        }
    }

    /** Picks the option shown as {@code option} in a form-js list (a native select, or its own drop-down). */
    private static void chooseOption(Browser browser, String label, String option) {
        WebElement field = field(browser, label);
        List<WebElement> natives = field.findElements(By.tagName("select"));
        if (!natives.isEmpty()) {
            natives.get(0).findElements(By.tagName("option")).stream().filter(o -> o.getText().strip().equals(option)).findFirst()
                    .orElseThrow(() -> new AssertionError("no option " + option + " in " + label)).click();
            return;
        }
        WebElement input = field.findElement(By.cssSelector(".fjs-input-group"));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", input); // not under Tasklist's footer
        input.click();
        browser.waitUntil(() -> field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream().filter(i -> i.getText().strip().equals(option))
                .findFirst().orElse(null), "the option " + option).click();
    }

    /** Picks the radio option whose label is {@code option}. */
    private static void chooseRadio(Browser browser, String label, String option) {
        WebElement choice = field(browser, label).findElements(By.tagName("label")).stream().filter(l -> l.getText().strip().equals(option)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + option + " in " + label));
        choice.click();
    }

    /** A form-js table as text: its header, then its rows. */
    private static List<List<String>> table(Browser browser, String label) {
        WebElement table = field(browser, label).findElement(By.tagName("table"));
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : table.findElements(By.tagName("tr"))) {
            rows.add(row.findElements(By.cssSelector("th, td")).stream().map(c -> c.getText().strip()).toList());
        }
        return rows;
    }

    // ----- the engine, over REST

    private static List<JsonNode> runs(Http user, String runbook) {
        List<JsonNode> found = new ArrayList<>();
        json(user.get("/engine-rest/history/process-instance?processDefinitionKey=" + runbook).body()).forEach(found::add);
        return found;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static <T> T single(List<T> found) {
        return found.size() == 1 ? found.get(0) : null;
    }

    private static List<String> endEvents(Http user, String run) throws Exception {
        List<String> ends = new ArrayList<>();
        JSON.readTree(user.get("/engine-rest/history/activity-instance?processInstanceId=" + run).body())
                .forEach(a -> {
                    if (run.equals(a.path("parentActivityInstanceId").asText()) && a.path("activityType").asText().endsWith("EndEvent")) {
                        ends.add(a.path("activityId").asText());
                    }
                });
        return ends;
    }

    private static JsonNode approvalTask(Http approver, String run) throws Exception {
        return task(approver, run, null);
    }

    private static JsonNode task(Http user, String run, String definitionKey) throws Exception {
        Instant limit = Instant.now().plus(LIMIT);
        String query = "/engine-rest/task?processInstanceId=" + run
                + (definitionKey == null ? "&candidateGroup=approvers" : "&taskDefinitionKey=" + URLEncoder.encode(definitionKey, StandardCharsets.UTF_8));
        while (Instant.now().isBefore(limit)) {
            JsonNode found = JSON.readTree(user.get(query).body());
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no task " + definitionKey + " for run " + run + " within " + LIMIT);
    }
}
