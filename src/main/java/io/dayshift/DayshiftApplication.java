package io.dayshift;

import io.dayshift.lab.process.LabProcess;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dayshift: Day-2 operations of OpenStack clouds as BPMN runbooks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DayshiftApplication {

    /** Starts the service; {@code lab …} as first argument starts only the simulated sites instead ({@link LabProcess}). */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(LabProcess.COMMAND)) {
            LabProcess.start(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(DayshiftApplication.class, args);
    }
}
