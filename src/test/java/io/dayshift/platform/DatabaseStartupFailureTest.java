package io.dayshift.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.DayshiftApplication;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An unreachable PostgreSQL stops the start with one message that names the setting to fix. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseStartupFailureTest {

    @Test
    void anUnreachableDatabaseGivesOneClearMessage(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/dayshift";

        assertThatThrownBy(() -> new SpringApplicationBuilder(DayshiftApplication.class)
                .profiles("postgres")
                .run("--DAYSHIFT_DB_URL=" + url, "--DAYSHIFT_DB_PASSWORD=never-printed", "--server.port=0"))
                .isInstanceOf(Exception.class);

        assertThat(output.getOut())
                .contains("APPLICATION FAILED TO START")
                .contains("Dayshift cannot use its database at " + url + " as user 'dayshift'")
                .contains("Check DAYSHIFT_DB_URL")
                .doesNotContain("never-printed");
        assertThat(output.getOut().lines().filter(line -> line.startsWith("\tat ")).count())
                .as("no stack trace lines").isZero();
    }
}
