package io.dayshift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A runbook's end-to-end test on the built-in lab: the whole service ({@link ServiceTest}) with the lab switched on in a
 * fresh directory of its own, on a port chosen before the service starts, and the job executor on (polling every 200 ms,
 * at most every second), so that runs go on by themselves while the test acts over REST ({@link Http},
 * {@link EngineRest}). Runbook-specific settings stay in the class's {@code @DynamicPropertySource}, which also overrides
 * these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceTest
@ContextCustomizerFactories(RunbookLab.class)
public @interface RunbookEndToEndTest {

    /** {@code dayshift.lab.time-factor}: how much of a lab operation's real duration the lab waits for. */
    String timeFactor() default "0.01";
}
