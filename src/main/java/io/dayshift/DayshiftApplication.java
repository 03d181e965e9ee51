package io.dayshift;

import io.dayshift.evidence.VerifyEvidenceCommand;
import io.dayshift.lab.process.LabProcess;
import io.dayshift.platform.SchemaStep;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Dayshift: Day-2 operations of OpenStack clouds as BPMN runbooks. {@code java -jar dayshift.jar} starts the service;
 * {@code java -jar dayshift.jar schema} creates or updates the database schema and exits ({@link SchemaStep});
 * {@code java -jar dayshift.jar verify-evidence [--run ID]} recomputes the evidence chains and exits, non-zero on a
 * mismatch ({@link VerifyEvidenceCommand}); {@code java -jar dayshift.jar lab …} starts only the simulated sites
 * ({@link LabProcess}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DayshiftApplication {

    public static void main(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (LabProcess.COMMAND.equals(command)) {
            LabProcess.start(rest);
            return;
        }
        if (SchemaStep.COMMAND.equals(command)) {
            try {
                SchemaStep.run(rest);
            } catch (RuntimeException failed) {
                System.exit(1); // the reason is logged already
            }
            System.exit(0);
        }
        if (VerifyEvidenceCommand.COMMAND.equals(command)) {
            int status;
            try {
                status = VerifyEvidenceCommand.run(System.out, rest);
            } catch (RuntimeException failed) {
                status = 1; // the reason is logged already
            }
            System.exit(status);
        }
        SpringApplication.run(DayshiftApplication.class, args);
    }
}
