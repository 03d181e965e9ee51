package io.dayshift.testing;

import io.dayshift.lab.LabConfiguration;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What {@link RunbookProcessTest} and {@link RunbookEndToEndTest} set up before the service starts: the lab's properties
 * (below the class's own {@code @DynamicPropertySource}), for a process test the lab's clock and the coverage goal, for an
 * end-to-end test the job executor; then, for a process test, each test's engine.
 */
final class RunbookLab implements ContextCustomizerFactory {

    /** Spring's name for the properties of {@code @DynamicPropertySource} methods. */
    private static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RunbookProcessTest process = TestContextAnnotationUtils.findMergedAnnotation(testClass, RunbookProcessTest.class);
        if (process != null) {
            return new Customizer(testClass, process.timeFactor(), Map.of(), process.clock(),
                    process.coverage() ? List.of(process.uncovered()) : null);
        }
        RunbookEndToEndTest endToEnd = TestContextAnnotationUtils.findMergedAnnotation(testClass, RunbookEndToEndTest.class);
        if (endToEnd != null) {
            return new Customizer(testClass, endToEnd.timeFactor(), Map.of(
                    "camunda.bpm.job-execution.enabled", "true",
                    "camunda.bpm.job-execution.wait-time-in-millis", "200",
                    "camunda.bpm.job-execution.max-wait", "1000"), "", null);
        }
        return null;
    }

    /**
     * One per test class, so that no two classes share a lab directory, a port or a clock.
     *
     * @param uncovered null for a test that does not measure coverage
     */
    private record Customizer(Class<?> testClass, String timeFactor, Map<String, Object> more, String clock, List<String> uncovered)
            implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Map<String, Object> properties = new HashMap<>(more);
            properties.put("server.port", LabTests.freePort());
            properties.put("dayshift.lab.enabled", "true");
            properties.put("dayshift.lab.directory", LabTests.tempDirectory(testClass.getSimpleName() + "-").toString());
            properties.put("dayshift.lab.time-factor", timeFactor);
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            MapPropertySource lab = new MapPropertySource("runbook test lab", properties);
            if (sources.contains(DYNAMIC_PROPERTIES)) {
                sources.addAfter(DYNAMIC_PROPERTIES, lab);
            } else {
                sources.addFirst(lab);
            }
            if (!clock.isEmpty()) {
                context.getBeanFactory().registerSingleton(LabConfiguration.CLOCK, MutableClock.at(clock));
            }
            if (uncovered != null) {
                context.getBeanFactory().registerSingleton("runbookCoverage", ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0)
                        .excludeProcessDefinitionKeys(uncovered.toArray(String[]::new)).build());
            }
        }
    }

    /**
     * Hands each test the engine and leaves no run, engine time, authentication or lab fault behind it. A run a test left
     * (it failed, or it stopped at a task on purpose) is deleted with the runs it called, so its leases go with it and the
     * next test starts on a site nobody holds.
     */
    static final class EachTest implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            BpmnAwareTests.init(service(context).getBean(ProcessEngine.class));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            ApplicationContext service = service(context);
            RuntimeService runtime = service.getBean(RuntimeService.class);
            runtime.createProcessInstanceQuery().rootProcessInstances().list()
                    .forEach(run -> runtime.deleteProcessInstanceIfExists(run.getId(), "test over", true, true, true, false));
            ClockUtil.reset();
            service.getBean(IdentityService.class).clearAuthentication();
            service.getBean(LabSites.class).all().forEach(LabSite::clearFaults);
        }

        private static ApplicationContext service(ExtensionContext context) {
            return SpringExtension.getApplicationContext(context);
        }
    }
}
