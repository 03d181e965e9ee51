package io.dayshift;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Dayshift: Day-2 operations of OpenStack clouds as BPMN runbooks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DayshiftApplication {

    public static void main(String[] args) {
        SpringApplication.run(DayshiftApplication.class, args);
    }
}
