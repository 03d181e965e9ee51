package io.dayshift.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.access.Roles;
import io.dayshift.testing.Http;
import io.dayshift.testing.ServiceTest;
import io.dayshift.testing.Users;
import io.dayshift.testing.WebappSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a person sees of Dayshift before and around Camunda's webapps: a landing page at {@code /} that says where to go
 * for what, and Cockpit, Tasklist, Admin and Welcome named Dayshift, with its logo and without Camunda's end-of-life
 * banner — while the webapps' login and CSRF protection work as before.
 */
@ServiceTest
class ConsoleTest {

    private static final List<String> APPS = List.of("cockpit", "tasklist", "admin", "welcome");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    @Test
    void theLandingPageSaysWhereToGoForWhatToAnyoneWithoutAScript() {
        // when anyone opens the service's address
        HttpResponse<String> landing = Http.anonymous(port).get("/");

        // then Dayshift's page answers, not a redirect to Camunda's welcome page
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String page = landing.body();
        assertThat(page).contains("<html lang=\"en\">", "<title>Dayshift: where to go for what</title>", "<h1>Dayshift</h1>");
        // and each thing a person comes to do names where to do it
        assertThat(links(page)).containsExactly(
                "/camunda/app/tasklist/", // start a runbook
                "/camunda/app/tasklist/", // decide
                "/audit?person=me", // follow my runs
                "/audit", // audit
                "/camunda/app/cockpit/", // operate
                "/camunda/app/admin/", // administer
                "/actuator/health");
        assertThat(page).contains("Start a runbook", "Decide", "Follow my runs", "Audit", "Operate", "Administer", "Is the service up?");
        // and the page runs nothing and may run nothing, and names no setting or secret
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("javascript:").doesNotContain("password");
        assertThat(landing.headers().firstValue("Content-Security-Policy")).hasValue(LandingPage.POLICY);
        assertThat(LandingPage.POLICY).startsWith("default-src 'none';").doesNotContain("script-src");
        // and its logo is served from the service itself
        assertThat(page).contains("<img src=\"/camunda/assets/dayshift-logo.svg\" alt=\"\">");
        HttpResponse<String> logo = Http.anonymous(port).get("/camunda/assets/dayshift-logo.svg");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(logo.body()).contains("<svg", "<title>Dayshift</title>").doesNotContainIgnoringCase("script");
    }

    @Test
    void theLandingPageIsReadOnly() {
        HttpResponse<String> posted = Http.anonymous(port).postJson("/", "{}");
        assertThat(posted.statusCode()).isEqualTo(405);
    }

    @Test
    void everyWebappIsNamedDayshiftThroughItsConfiguration() {
        for (String app : APPS) {
            // Camunda's documented customisation: the app's scripts/config.js names the vendor, which the header and the
            // page title show before the app's name ("Dayshift Cockpit")
            HttpResponse<String> config = Http.anonymous(port).get("/camunda/app/" + app + "/scripts/config.js");
            assertThat(config.statusCode()).as(app).isEqualTo(200);
            assertThat(config.body()).as(app).contains("export default {", "vendor: 'Dayshift'", "name: '" + capitalised(app) + "'");

            // and its user styles bring Dayshift's logo and hide the end-of-life banner
            HttpResponse<String> styles = Http.anonymous(port).get("/camunda/app/" + app + "/styles/user-styles.css");
            assertThat(styles.statusCode()).as(app).isEqualTo(200);
            assertThat(styles.body()).as(app).contains("@import url(\"../../../assets/dayshift-console.css\");");
        }
        HttpResponse<String> shared = Http.anonymous(port).get("/camunda/assets/dayshift-console.css");
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).containsPattern("\\.ce-eol-banner \\{\\s*display: none !important;")
                .contains("url(\"dayshift-logo.svg\")", ".form-signin .app-name::before {\n  content: \"Dayshift \";");
        // Tasklist keeps Camunda's keyboard shortcuts, which its own config.js declared
        assertThat(Http.anonymous(port).get("/camunda/app/tasklist/scripts/config.js").body()).contains("startProcess", "ctrl+alt+p");
        // and the Welcome page links to the landing page and the runs
        assertThat(Http.anonymous(port).get("/camunda/app/welcome/scripts/config.js").body())
                .contains("href: '/'", "href: '/audit?person=me'", "href: '/audit'");
    }

    /** The selectors of the user styles are those of the webapps this service ships: a Camunda upgrade that renames them fails here. */
    @Test
    void theStylesTargetTheElementsCamundaRenders() {
        for (String app : APPS) {
            String bootstrap = Http.anonymous(port).get("/camunda/app/" + app + "/camunda-" + app + "-bootstrap.js").body();
            assertThat(bootstrap).as(app).contains("class=\"ce-eol-banner\"", "class=\"brand-logo\"", "class=\"login-logo\"", "class=\"app-name\"",
                    "getAppVendor");
            // and each app's page loads its user styles
            String index = Http.anonymous(port).get("/camunda/app/" + app + "/default/").body();
            assertThat(index).as(app).contains("app/" + app + "/styles/user-styles.css");
        }
    }

    @Test
    void theWebappsLoginWorksAndStillWantsItsCsrfToken() throws Exception {
        Users.ensure(identity, "olga", Roles.OPS_LEADS);

        // a login that carries the token of the webapps' session, as the browser sends it, is accepted
        HttpResponse<String> login = new WebappSession(port).login("tasklist", "olga", Users.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"olga\"");

        // a login without it (a form posted from another page) is refused by the webapps' CSRF filter
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=olga&password=" + Users.PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    private static List<String> links(String page) {
        Matcher href = Pattern.compile("<a href=\"([^\"]*)\"").matcher(page);
        return href.results().map(match -> match.group(1)).toList();
    }

    private static String capitalised(String app) {
        return Character.toUpperCase(app.charAt(0)) + app.substring(1);
    }
}
