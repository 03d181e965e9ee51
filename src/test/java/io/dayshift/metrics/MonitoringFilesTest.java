package io.dayshift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file's {@code monitoring} profile works as written: Prometheus and Grafana start only under it (a plain
 * {@code up} starts what it did before), every file they mount is in the repository where the mount says — but the two
 * secrets, which the operator puts in {@code docker/config/} — and Prometheus scrapes the service's metrics path with a
 * password read from a file, loading the rules file it mounts; Grafana loads the dashboard from where it is mounted.
 */
class MonitoringFilesTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    @SuppressWarnings("unchecked")
    void prometheusAndGrafanaRunOnlyUnderTheMonitoringProfileWithTheFilesTheyMount() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String monitoring : List.of("prometheus", "grafana")) {
            Map<String, Object> service = services.get(monitoring);
            assertThat(service).as(monitoring).isNotNull();
            assertThat((List<String>) service.get("profiles")).as(monitoring).containsExactly("monitoring");
            for (String volume : (List<String>) service.get("volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith("./") && !source.startsWith("./config/")) {
                    assertThat(DOCKER.resolve(source)).as(monitoring + " mounts " + volume).exists();
                }
            }
        }
        assertThat(services.get("dayshift")).doesNotContainKey("profiles");
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro", "./config/prometheus-scrape-password:/etc/prometheus/scrape-password:ro")
                .doesNotContain("./config:");
        assertThat(((Map<String, String>) services.get("grafana").get("environment")).get("GF_SECURITY_ADMIN_PASSWORD__FILE"))
                .isEqualTo("/etc/grafana/admin-password");
    }

    /** Compose's own check of the file, with and without the profile, where docker-compose is installed. */
    @Test
    void composeAcceptsTheFileWithAndWithoutTheMonitoringProfile() throws Exception {
        File compose = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> new File(directory, "docker-compose")).filter(File::canExecute).findFirst().orElse(null);
        if (compose == null) {
            System.out.println("docker-compose is not installed: the compose file was checked as YAML only");
            return;
        }
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "monitoring"))) {
            List<String> command = new ArrayList<>(List.of(compose.getPath(), "-f", "compose.yaml"));
            command.addAll(profile);
            command.addAll(List.of("config", "-q"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(DOCKER.toFile()).redirectErrorStream(true);
            builder.environment().putAll(Map.of("DAYSHIFT_DB_PASSWORD", "x", "DAYSHIFT_ALERTS_TOKEN", "x", "DAYSHIFT_PUBLIC_URL", "https://dayshift.example.org"));
            Process run = builder.start();
            String output = new String(run.getInputStream().readAllBytes());
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(command + ": " + output).isZero();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheServiceWithAPasswordFileAndLoadsTheRules() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(DOCKER.resolve("prometheus/prometheus.yml")));
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        Map<String, Object> auth = (Map<String, Object>) job.get("basic_auth");
        assertThat(auth).containsEntry("password_file", "/etc/prometheus/scrape-password").doesNotContainKey("password");
        assertThat(job.get("static_configs").toString()).contains("dayshift:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaLoadsTheDashboardFromWhereItIsMounted() throws IOException {
        Map<String, Object> provider = ((List<Map<String, Object>>) ((Map<String, Object>) new Yaml()
                .load(Files.readString(DOCKER.resolve("grafana/provisioning/dashboards/dayshift.yml")))).get("providers")).get(0);
        String path = ((Map<String, String>) provider.get("options")).get("path");
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        List<String> volumes = (List<String>) ((Map<String, Map<String, Object>>) compose.get("services")).get("grafana").get("volumes");
        assertThat(volumes).contains("./grafana/dashboards:" + path + ":ro", "./grafana/provisioning:/etc/grafana/provisioning:ro");
        assertThat(DOCKER.resolve("grafana/dashboards/dayshift.json")).exists();
    }
}
