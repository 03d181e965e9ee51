package io.dayshift.testing;

import io.dayshift.lab.LabConfiguration;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabSite;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** What {@link RunbookProcessTest} sets up: the lab's properties and clock and the coverage goal, then each test's engine. */
final class RunbookLab implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RunbookProcessTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, RunbookProcessTest.class);
        return test == null ? null : new Customizer(testClass, test.clock(), test.timeFactor(), List.of(test.uncovered()));
    }

    /** One per test class, so that no two classes share a lab directory, a port or a clock. */
    private record Customizer(Class<?> testClass, String clock, String timeFactor, List<String> uncovered) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            String directory = LabTests.tempDirectory(testClass.getSimpleName() + "-").toString();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("runbook process test lab", Map.of(
                    "server.port", LabTests.freePort(),
                    "dayshift.lab.enabled", "true",
                    "dayshift.lab.directory", directory,
                    "dayshift.lab.time-factor", timeFactor)));
            if (!clock.isEmpty()) {
                context.getBeanFactory().registerSingleton(LabConfiguration.CLOCK, MutableClock.at(clock));
            }
            context.getBeanFactory().registerSingleton("runbookCoverage", ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0)
                    .excludeProcessDefinitionKeys(uncovered.toArray(String[]::new)).build());
        }
    }

    /** Hands each test the engine and leaves no engine time, authentication or lab fault behind it. */
    static final class EachTest implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            BpmnAwareTests.init(service(context).getBean(ProcessEngine.class));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ApplicationContext service = service(context);
            ClockUtil.reset();
            service.getBean(IdentityService.class).clearAuthentication();
            service.getBean(LabSites.class).all().forEach(LabSite::clearFaults);
        }

        private static ApplicationContext service(ExtensionContext context) {
            return SpringExtension.getApplicationContext(context);
        }
    }
}
