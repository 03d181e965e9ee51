package io.dayshift.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.DayshiftApplication;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With no administrator password configured, the first start generates a strong one and prints it
 * once; later starts print nothing; a configured password replaces it.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTest {

    private static final Pattern PRINTED = Pattern.compile("with the password:\\s+(\\S+)");

    @TempDir
    Path data;

    @Test
    void theGeneratedPasswordIsPrintedOnceAndNeverAgain(CapturedOutput output) {
        String password;
        try (ConfigurableApplicationContext service = start("")) {
            Matcher printed = PRINTED.matcher(output.getOut());
            assertThat(printed.find()).as("the password is printed on the first start").isTrue();
            password = printed.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(service.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }

        try (ConfigurableApplicationContext service = start("")) {
            assertThat(service.getBean(IdentityService.class).checkPassword("admin", password)).isTrue();
        }
        assertThat(occurrences(output.getAll(), password)).as("printed once in two starts, logged never").isEqualTo(1);

        try (ConfigurableApplicationContext service = start("a-configured-password")) {
            IdentityService identity = service.getBean(IdentityService.class);
            assertThat(identity.checkPassword("admin", "a-configured-password")).isTrue();
            assertThat(identity.createUserQuery().memberOfGroup(Roles.ADMINS).list()).extracting("id").containsExactly("admin");
        }
        assertThat(output.getAll()).doesNotContain("a-configured-password");
    }

    private ConfigurableApplicationContext start(String adminPassword) {
        return new SpringApplicationBuilder(DayshiftApplication.class)
                .run("--DAYSHIFT_H2_URL=jdbc:h2:file:" + data.resolve("dayshift") + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--DAYSHIFT_ADMIN_PASSWORD=" + adminPassword,
                        "--server.port=0",
                        "--camunda.bpm.job-execution.enabled=false",
                        "--dayshift.lab.enabled=false");
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}
