package io.dayshift.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A scenario of the reliability suite: run only by {@code ./mvnw -o verify -Preliability}, never by the default build (the
 * tag is excluded there). Each starts the lab process, an embedded PostgreSQL and service nodes in JVMs of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ReliabilityScenario.TAG)
public @interface ReliabilityScenario {

    String TAG = "reliability";
}
