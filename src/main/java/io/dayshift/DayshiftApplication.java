package io.dayshift;

import io.dayshift.platform.SchemaStep;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Dayshift: Day-2 operations of OpenStack clouds as BPMN runbooks. {@code java -jar dayshift.jar} starts the service;
 * {@code java -jar dayshift.jar schema} creates or updates the database schema and exits ({@link SchemaStep}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DayshiftApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SchemaStep.COMMAND.equals(args[0])) {
            try {
                SchemaStep.run(Arrays.copyOfRange(args, 1, args.length));
            } catch (RuntimeException failed) {
                System.exit(1); // the reason is logged already
            }
            System.exit(0);
        }
        SpringApplication.run(DayshiftApplication.class, args);
    }
}
