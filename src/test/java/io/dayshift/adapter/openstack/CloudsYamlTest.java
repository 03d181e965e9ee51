package io.dayshift.adapter.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.site.Secrets;
import io.dayshift.testing.LabEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudsYamlTest {

    @TempDir
    Path dir;

    private final Secrets secrets = new Secrets(name -> null);

    private Path cloudsFile() throws IOException {
        Path file = dir.resolve("clouds.yaml");
        Files.writeString(file, Fixtures.text("clouds.yaml"));
        return file;
    }

    @Test
    void readsACloudByNamesAndRemembersItsPasswordForRedaction() throws IOException {
        CloudConfig cloud = CloudsYaml.read(cloudsFile(), "lab", secrets);

        assertThat(cloud.authUrl()).isEqualTo("http://127.0.0.1:5000");
        assertThat(cloud.identityV3Url()).isEqualTo("http://127.0.0.1:5000/v3");
        assertThat(cloud.username()).isEqualTo("admin");
        assertThat(cloud.password()).isEqualTo("s3cret-Passw0rd");
        assertThat(cloud.projectName()).isEqualTo("admin");
        assertThat(cloud.userDomain()).isEqualTo(new CloudConfig.Domain("Default", false));
        assertThat(cloud.projectDomain()).isEqualTo(new CloudConfig.Domain("Default", false));
        assertThat(cloud.regionName()).contains("RegionOne");
        assertThat(cloud.interfaceName()).isEqualTo("internal");
        assertThat(secrets.redact("Keystone said: bad password s3cret-Passw0rd")).isEqualTo("Keystone said: bad password ****");
        assertThat(cloud.toString()).doesNotContain("s3cret-Passw0rd").contains("password=****");
    }

    @Test
    void readsDomainsByIdKeepsAV3UrlAndDefaultsToThePublicInterface() throws IOException {
        CloudConfig cloud = CloudsYaml.read(cloudsFile(), "by-ids", secrets);

        assertThat(cloud.identityV3Url()).isEqualTo("https://keystone.example.org:5000/v3");
        assertThat(cloud.userDomain()).isEqualTo(new CloudConfig.Domain("3b1c6e0e1f2a4c7e9d1f00aa11bb22cc", true));
        assertThat(cloud.projectDomain()).isEqualTo(new CloudConfig.Domain("default", true));
        assertThat(cloud.regionName()).isEmpty();
        assertThat(cloud.interfaceName()).isEqualTo("public");
    }

    @Test
    void refusesKeystoneV2AndOtherAuthTypesNamingTheEntry() throws IOException {
        Path file = cloudsFile();

        assertThatThrownBy(() -> CloudsYaml.read(file, "old", secrets))
                .hasMessageContaining("clouds.old")
                .hasMessageContaining("identity_api_version 2")
                .hasMessageContaining("auth_type 'token'")
                .hasMessageNotContaining("old-secret");
    }

    @Test
    void namesTheFileWhenTheCloudIsMissing() throws IOException {
        Path file = cloudsFile();

        assertThatThrownBy(() -> CloudsYaml.read(file, "nowhere", secrets))
                .hasMessageContaining("no cloud 'nowhere'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void listsEveryMissingSetting() throws IOException {
        Path file = dir.resolve("partial.yaml");
        Files.writeString(file, "clouds:\n  x:\n    auth:\n      auth_url: http://ks:5000/v3\n");

        assertThatThrownBy(() -> CloudsYaml.read(file, "x", secrets))
                .hasMessageContaining("auth.username is required")
                .hasMessageContaining("auth.password is required")
                .hasMessageContaining("auth.project_name is required");
    }

    @Test
    void doesNotQuoteTheFileWhenItIsNotYaml() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "clouds: [\n  password: hunter2-very-secret\n  {");

        assertThatThrownBy(() -> CloudsYaml.read(file, "x", secrets))
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("hunter2-very-secret");
    }

    @Test
    void theLabEnvironmentBecomesACloudsYamlThatReadsBack() throws IOException {
        String output = """
                export OS_AUTH_URL=http://127.0.0.1:5000/v3
                export OS_IDENTITY_API_VERSION=3
                export OS_AUTH_TYPE=password
                export OS_USERNAME=admin
                export OS_PASSWORD='pa ss: it''s'
                export OS_PROJECT_NAME=admin
                export OS_USER_DOMAIN_NAME=Default
                export OS_PROJECT_DOMAIN_NAME=Default
                export OS_REGION_NAME=RegionOne
                export OS_INTERFACE=public
                """;
        var env = LabEnv.parse(output);
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, LabEnv.cloudsYaml("openstack-lab", env));

        CloudConfig cloud = CloudsYaml.read(file, "openstack-lab", secrets);

        assertThat(env).containsEntry("OS_USERNAME", "admin").hasSize(10);
        assertThat(cloud.identityV3Url()).isEqualTo("http://127.0.0.1:5000/v3");
        assertThat(cloud.password()).isEqualTo("pa ss: it''s");
        assertThat(cloud.regionName()).contains("RegionOne");
    }
}
