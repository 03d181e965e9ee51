package io.dayshift.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import io.dayshift.lab.model.LabPace;
import io.dayshift.site.Site;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dayshift.lab.*}: the built-in simulated sites.
 *
 * @param enabled      start the lab (true in the default profile, false under {@code postgres} and in tests)
 * @param directory    where the lab writes its SSH key, known_hosts, clouds.yaml and MAAS API keys
 * @param timeFactor   multiplies every simulated duration: 1 as configured, 0 instant, 0.1 ten times faster
 * @param pace         which durations the operations take: {@code demo} (a few seconds, to watch a runbook; the default) or
 *                     {@code realistic} (a real site's: a live migration 1 min, a kolla-ansible upgrade of a batch 15 min…;
 *                     {@code io.dayshift.lab.model.LabOperation} gives each and why), before the time factor
 * @param durations    per operation ({@code commission}, {@code live-migration}, {@code kolla-deploy}, {@code unit-active}…), overriding
 *                     the pace's durations of {@code io.dayshift.lab.model.LabOperation}
 * @param user         the SSH user of the deployer and jump hosts
 * @param openstackUrl the Keystone URL written into clouds.yaml as {@code auth_url}; {@code {site}} is replaced by the site's name
 * @param maasUrl      the MAAS URL given to the sites; {@code {site}} is replaced by the site's name
 * @param sites        site name → topology resource on the classpath
 * @param notifications {@code notify}: where incident notifications of every lab site go (as a site's {@code notify}); none when not set
 * @param keepState    keep the sites' state, ports and keys in {@code directory} across restarts (the lab process); the
 *                     in-process lab starts anew each time
 */
@ConfigurationProperties("dayshift.lab")
public record LabProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("./data/lab") Path directory,
        @DefaultValue("1.0") double timeFactor,
        Map<String, Duration> durations,
        @DefaultValue("dayshift") String user,
        @DefaultValue("http://127.0.0.1:8080/lab/openstack/{site}/identity/v3") String openstackUrl,
        @DefaultValue("http://127.0.0.1:8080/lab/maas/{site}/MAAS") String maasUrl,
        Map<String, String> sites,
        @Name("notify") Site.Notify notifications,
        @DefaultValue("false") boolean keepState,
        @DefaultValue("demo") String pace) {

    public static final Map<String, String> DEFAULT_SITES = defaultSites();

    @ConstructorBinding
    public LabProperties {
        durations = durations == null ? Map.of() : Map.copyOf(durations);
        sites = sites == null || sites.isEmpty() ? DEFAULT_SITES : Map.copyOf(sites);
        pace = LabPace.ofSetting(pace).key();
    }

    /** The lab at the demo pace. */
    public LabProperties(boolean enabled, Path directory, double timeFactor, Map<String, Duration> durations, String user, String openstackUrl,
                         String maasUrl, Map<String, String> sites, Site.Notify notifications, boolean keepState) {
        this(enabled, directory, timeFactor, durations, user, openstackUrl, maasUrl, sites, notifications, keepState, null);
    }

    /** The lab without notification settings. */
    public LabProperties(boolean enabled, Path directory, double timeFactor, Map<String, Duration> durations, String user, String openstackUrl,
                         String maasUrl, Map<String, String> sites) {
        this(enabled, directory, timeFactor, durations, user, openstackUrl, maasUrl, sites, null, false, null);
    }

    /** The pace as the lab's timings take it. */
    public LabPace labPace() {
        return LabPace.ofSetting(pace);
    }

    private static Map<String, String> defaultSites() {
        Map<String, String> sites = new LinkedHashMap<>();
        sites.put("lab", "lab/small-kolla.yaml");
        sites.put("lab-charmed", "lab/small-charmed.yaml");
        return java.util.Collections.unmodifiableMap(sites);
    }
}
