package io.dayshift.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.LabSites;
import io.dayshift.site.SecretRef;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import io.dayshift.site.SitesProperties;
import io.dayshift.testing.LabTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The settings the lab process writes for each site bind, through Spring Boot's own binding of {@code dayshift.sites}, to
 * the very sites the lab gives the service in-process (only their files moved into the site's directory), and the files
 * they name are there.
 */
class SiteFilesTest {

    private static LabSites lab;

    @BeforeAll
    static void startLab() {
        Path dir = LabTests.tempDirectory("site-files-");
        lab = LabSites.start(new LabProperties(true, dir, 0, Map.of(), "dayshift", "http://127.0.0.1:4711/lab/openstack/{site}/identity/v3",
                "http://127.0.0.1:4711/lab/maas/{site}/MAAS", LabProperties.DEFAULT_SITES), Clock.systemUTC(), d -> { });
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void eachSitesSettingsBindBackToTheSiteTheLabGivesInProcess() throws Exception {
        for (Site site : lab.siteConfigurations()) {
            // given a lab site as the lab hands it to the service in-process
            Path directory = lab.directory().resolve(site.name());

            // when the lab process writes its files and settings
            Path fragment = SiteFiles.write(site, directory);

            // then the settings, bound as the service binds dayshift.sites, are that site with its files in its directory
            Site bound = bind(fragment).require(site.name());
            assertThat(bound).isEqualTo(SiteFiles.relocated(site, directory));
            assertThat(bound.simulated()).isTrue();
            assertThat(bound.openstack().cloudsFile()).isEqualTo(directory.resolve("clouds.yaml"));
            assertThat(bound.maas().apiKey()).isEqualTo(SecretRef.parse("file:" + directory.resolve("maas-api-key")));
            assertThat(bound.ssh()).isNotEmpty().allSatisfy((group, hosts) -> {
                assertThat(hosts.privateKey()).isEqualTo(directory.resolve("id_ecdsa")).isRegularFile();
                assertThat(hosts.knownHosts()).isEqualTo(directory.resolve("known_hosts")).isRegularFile();
            });
            // and its clouds.yaml holds its own cloud only, the MAAS key is a secret only its owner reads
            assertThat(Files.readString(directory.resolve("clouds.yaml"))).contains("  " + site.name() + ":\n")
                    .contains("auth_url: http://127.0.0.1:4711/lab/openstack/" + site.name() + "/identity/v3");
            assertThat(Files.readString(fragment)).doesNotContain(lab.openstackPassword()).doesNotContain(lab.maasApiKey(site.name()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("id_ecdsa")))).isEqualTo("rw-------");
        }
        assertThat(Files.readString(lab.directory().resolve("lab/clouds.yaml"))).doesNotContain("lab-charmed:");
    }

    @Test
    void theCommandLineNamesTheOptionItCannotRead() {
        assertThat(LabProcess.Options.parse("--sites", "lab,big=lab/large.yaml", "--dir=/tmp/x", "--port", "9090", "--dayshift.lab.time-factor=0")
                .sites()).isEqualTo(Map.of("lab", "lab/small-kolla.yaml", "big", "lab/large.yaml"));
        assertThat(List.of(LabProcess.Options.parse("--port=9090", "--dayshift.lab.time-factor=0").springArguments()))
                .contains("--server.port=9090", "--dayshift.lab.enabled=true", "--dayshift.lab.time-factor=0",
                        "--dayshift.lab.maas-url=http://127.0.0.1:9090/lab/maas/{site}/MAAS");
        assertThatThrownBy(() -> LabProcess.Options.parse("--sites", "other")).hasMessageStartingWith("--sites: site 'other' needs a topology");
        assertThatThrownBy(() -> LabProcess.Options.parse("--sites", "Lab;rm")).hasMessageStartingWith("--sites: 'Lab;rm' is not a site name");
        assertThatThrownBy(() -> LabProcess.Options.parse("--port", "http")).hasMessageStartingWith("--port: 'http' is not a port");
        assertThatThrownBy(() -> LabProcess.Options.parse("--dir")).hasMessage("--dir: a value is missing");
        assertThatThrownBy(() -> LabProcess.Options.parse("--verbose")).hasMessageStartingWith("unknown argument '--verbose'");
    }

    private static Sites bind(Path fragment) throws Exception {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("fragment", new FileSystemResource(fragment));
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(String.class, SecretRef.class, SecretRef::parse);
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), null, conversions);
        return Sites.of(binder.bind("dayshift", SitesProperties.class).get());
    }
}
