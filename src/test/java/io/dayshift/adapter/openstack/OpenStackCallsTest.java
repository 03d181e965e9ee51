package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dayshift.compute.ComputeCloudException;
import io.dayshift.compute.ComputeService;
import io.dayshift.site.Flavour;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's session handling and wire format against an HTTP server in the test JVM that answers
 * like Keystone and Nova (the token body is a recorded lab answer): one authentication per site, renewal
 * near expiry and after a 401, a hard deadline on a call that gets no answer, masked secrets, and the
 * exact requests that fill openstack4j's gaps.
 */
class OpenStackCallsTest {

    private static final String PASSWORD = "pw-that-must-never-show";
    private static final String TOKEN_PREFIX = "token-";

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Queue<Recorded> requests = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Instant expiresAt = Instant.now().plus(1, ChronoUnit.DAYS);
    private volatile int novaStatus = 200;
    private volatile String novaBody;
    private volatile boolean hang;
    private volatile String rejectToken;
    private OpenStackCalls calls;
    private Site site;

    record Recorded(String method, String path, String query, String token, String microversion, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v3/auth/tokens", this::keystone);
        server.createContext("/v2.1", this::nova);
        server.start();
        novaBody = Fixtures.text("nova-os-services-2.11.json");
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (calls != null) {
            calls.close();
        }
        server.stop(0);
    }

    private OpenStackComputeCloud cloud(Duration callTimeout) throws IOException {
        Path clouds = dir.resolve("clouds.yaml");
        Files.writeString(clouds, """
                clouds:
                  test:
                    auth:
                      auth_url: http://127.0.0.1:%d
                      username: admin
                      password: %s
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                """.formatted(server.getAddress().getPort(), PASSWORD));
        site = new Site("test", Flavour.KOLLA, false, new Site.OpenStack("test", clouds), null, null,
                new Site.Kolla("deployer", dir, dir, dir),
                Map.of("deployer", new Site.HostGroup(List.of("localhost"), 22, "x", dir, dir)), null, null);
        OpenStackProperties properties = new OpenStackProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), callTimeout,
                Duration.ofMinutes(5), 100);
        calls = new OpenStackCalls(new Secrets(name -> null), properties, Clock.systemUTC(), call -> { });
        return new OpenStackComputeCloud(calls, 100);
    }

    private void keystone(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!request.contains(PASSWORD)) {
            send(exchange, 401, "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\"}}");
            return;
        }
        String body = Fixtures.text("keystone-token-v3.json")
                .replace("{{PORT}}", String.valueOf(server.getAddress().getPort()))
                .replace("{{EXPIRES_AT}}", expiresAt.toString());
        exchange.getResponseHeaders().add("X-Subject-Token", TOKEN_PREFIX + tokensIssued.incrementAndGet());
        send(exchange, 201, body);
    }

    private void nova(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                token, exchange.getRequestHeaders().getFirst("OpenStack-API-Version"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (hang) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (token != null && token.equals(rejectToken)) {
            send(exchange, 401, "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\"}}");
            return;
        }
        send(exchange, novaStatus, exchange.getRequestMethod().equals("GET") || novaStatus >= 400 ? novaBody : "{}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void authenticatesOncePerSiteAndSendsTheTokenWithAMicroversion() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));

        List<ComputeService> first = cloud.computeServices(site);
        List<ComputeService> second = cloud.computeServices(site);

        assertThat(first).hasSize(5).isEqualTo(second);
        assertThat(tokensIssued).hasValue(1);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.token()).isEqualTo(TOKEN_PREFIX + "1");
            assertThat(r.path()).isEqualTo("/v2.1/os-services");
            assertThat(r.microversion()).isEqualTo("compute 2.11");
        });
    }

    @Test
    void keepsOneSessionPerSiteName() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        Site other = new Site("other", site.flavour(), false, site.openstack(), null, null, site.kolla(), site.ssh(), null, null);

        cloud.computeServices(site);
        cloud.computeServices(other);
        cloud.computeServices(other);
        cloud.computeServices(site);

        assertThat(tokensIssued).hasValue(2);
        assertThat(requests).extracting(Recorded::token)
                .containsExactly(TOKEN_PREFIX + "1", TOKEN_PREFIX + "2", TOKEN_PREFIX + "2", TOKEN_PREFIX + "1");
    }

    @Test
    void aSiteWithoutOpenStackSettingsFailsNamingIt() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        Site bare = new Site("bare", Flavour.KOLLA, false, null, null, null, site.kolla(), site.ssh(), null, null);

        assertThatThrownBy(() -> cloud.computeServices(bare))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessage("site bare: list compute services failed: the site has no openstack settings");
        assertThat(tokensIssued).hasValue(0);
    }

    @Test
    void renewsATokenThatIsAboutToExpire() throws IOException {
        expiresAt = Instant.now().plus(1, ChronoUnit.MINUTES);
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));

        cloud.computeServices(site);
        cloud.computeServices(site);

        assertThat(tokensIssued).hasValue(2);
        assertThat(requests).extracting(Recorded::token).containsExactly(TOKEN_PREFIX + "1", TOKEN_PREFIX + "2");
    }

    @Test
    void authenticatesAgainAndRetriesOnceWhenTheTokenIsRefused() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        cloud.computeServices(site);
        rejectToken = TOKEN_PREFIX + "1";

        List<ComputeService> services = cloud.computeServices(site);

        assertThat(services).hasSize(5);
        assertThat(tokensIssued).hasValue(2);
        assertThat(requests.stream().reduce((a, b) -> b).orElseThrow().token()).isEqualTo(TOKEN_PREFIX + "2");

        cloud.computeServices(site);

        assertThat(tokensIssued).as("the renewed token is kept for later calls").hasValue(2);
        assertThat(requests.stream().reduce((a, b) -> b).orElseThrow().token()).isEqualTo(TOKEN_PREFIX + "2");
    }

    @Test
    void aCallWithoutAnswerEndsAtItsDeadline() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofMillis(1500));
        cloud.computeServices(site);
        hang = true;

        assertThatThrownBy(() -> cloud.computeService(site, "cn01"))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining("site test")
                .hasMessageContaining("host cn01")
                .hasMessageContaining("no answer within PT1.5S");
    }

    @Test
    void errorsNameSiteHostAndOperationAndMaskThePassword() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        novaStatus = 409;
        novaBody = "{\"conflictingRequest\": {\"code\": 409, \"message\": \"Service is locked by " + PASSWORD + "\"}}";

        assertThatThrownBy(() -> cloud.disableComputeService(site, "cn02", "maintenance"))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessage("site test: disable compute service of host cn02 failed: HTTP 409: Service is locked by ****")
                .satisfies(e -> assertThat(((ComputeCloudException) e).httpStatus()).hasValue(409));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithoutThePassword() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        Files.writeString(dir.resolve("clouds.yaml"), Files.readString(dir.resolve("clouds.yaml")).replace(PASSWORD, "wrong-password-x"));

        assertThatThrownBy(() -> cloud.computeServices(site))
                .isInstanceOf(ComputeCloudException.class)
                .hasMessageContaining("site test: authenticate as user admin")
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong-password-x");
    }

    @Test
    void sendsTheRequestsOpenstack4jCannot() throws IOException {
        OpenStackComputeCloud cloud = cloud(Duration.ofSeconds(30));
        novaStatus = 202;

        cloud.liveMigrate(site, "srv-1");
        cloud.coldMigrate(site, "srv-1", "cn03");
        cloud.evacuate(site, "srv-1");
        novaStatus = 200;
        cloud.disableComputeService(site, "cn01", "dayshift: drain for kernel update");

        List<Recorded> writes = requests.stream().filter(r -> !r.method().equals("GET")).toList();
        assertThat(writes).extracting(Recorded::method, Recorded::path, Recorded::microversion, Recorded::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/v2.1/servers/srv-1/action", "compute 2.30",
                        "{\"os-migrateLive\":{\"host\":null,\"block_migration\":\"auto\"}}"),
                org.assertj.core.groups.Tuple.tuple("POST", "/v2.1/servers/srv-1/action", "compute 2.56",
                        "{\"migrate\":{\"host\":\"cn03\"}}"),
                org.assertj.core.groups.Tuple.tuple("POST", "/v2.1/servers/srv-1/action", "compute 2.29",
                        "{\"evacuate\":{}}"),
                org.assertj.core.groups.Tuple.tuple("PUT", "/v2.1/os-services/disable-log-reason", "compute 2.11",
                        "{\"host\":\"cn01\",\"binary\":\"nova-compute\",\"disabled_reason\":\"dayshift: drain for kernel update\"}"));
    }
}
