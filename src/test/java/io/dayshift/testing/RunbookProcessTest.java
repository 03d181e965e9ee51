package io.dayshift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A runbook's process test on the built-in lab: the whole service ({@link ServiceTest}) with the lab switched on in a
 * fresh directory of its own, on a port chosen before the service starts (the lab writes its MAAS and OpenStack URLs
 * with it), the lab's time standing still at {@link #clock()} until the test moves it, and the class asserting that it
 * covers every flow node and sequence flow of the models it runs ({@link #uncovered()} are left to their own tests).
 * The job executor is off: tests drive the jobs through {@link Runbooks}. Before each test the engine is handed to
 * camunda-bpm-assert; after it the engine's clock and authentication are reset and the lab's faults cleared.
 * Runbook-specific settings (lab topologies, retry profiles, intervals) stay in the class's
 * {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceTest
@Import({ProcessEngineCoverageConfiguration.class, Runbooks.class})
@ContextCustomizerFactories(RunbookLab.class)
@ExtendWith(RunbookLab.EachTest.class)
public @interface RunbookProcessTest {

    /** Where the lab's clock stands at the start (an ISO instant); empty for the system clock. */
    String clock() default "";

    /** {@code dayshift.lab.time-factor}: how much of a lab operation's real duration the lab waits for. */
    String timeFactor() default "1";

    /** Process definition keys the class runs but does not have to cover (called models with tests of their own). */
    String[] uncovered() default {};

    /** False for a class that runs many models only part of the way (each model's own class measures its coverage). */
    boolean coverage() default true;
}
