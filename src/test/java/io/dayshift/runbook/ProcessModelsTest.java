package io.dayshift.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * Every runbook model in {@code processes/} (the classpath root) keeps the conventions a machine can check
 * ({@link ProcessModelRules}); and the checks do catch a broken model.
 */
class ProcessModelsTest {

    private static ProcessModelRules rules;

    @BeforeAll
    static void scan() throws Exception {
        rules = new ProcessModelRules(beanNames(), formIds(), idsByProcess());
    }

    @TestFactory
    Stream<DynamicTest> everyRunbookModelKeepsTheConventions() throws IOException {
        Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:*.bpmn");
        assertThat(models).extracting(Resource::getFilename).contains("commission-machines.bpmn");
        return Stream.of(models).map(model -> DynamicTest.dynamicTest(model.getFilename(), () -> {
            try (InputStream in = model.getInputStream()) {
                assertThat(rules.violations(model.getFilename(), Bpmn.readModelFromStream(in))).isEmpty();
            }
        }));
    }

    /**
     * Tasklist's forms show a field's pattern as it is ("Field must match pattern ^[a-z]…"): no start form has one. Each
     * field says what it takes in words (its description), and each form says where its runs are followed ("My runs").
     */
    @Test
    void everyStartFormSaysInWordsWhatEachFieldTakesAndWhereTheRunIsFollowed() throws IOException {
        Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:*-start.form");
        assertThat(forms).hasSizeGreaterThanOrEqualTo(9);
        for (Resource form : forms) {
            JsonNode schema;
            try (InputStream in = form.getInputStream()) {
                schema = new ObjectMapper().readTree(in);
            }
            List<JsonNode> components = new java.util.ArrayList<>();
            schema.path("components").forEach(components::add);
            for (int i = 0; i < components.size(); i++) {
                components.get(i).path("components").forEach(components::add);
            }
            assertThat(components).as(form.getFilename()).anySatisfy(c -> assertThat(c.path("id").asText()).isEqualTo("Text_MyRuns"));
            for (JsonNode field : components) {
                if (field.path("key").asText().isEmpty()) {
                    continue;
                }
                String where = form.getFilename() + " " + field.path("key").asText();
                assertThat(field.path("validate").has("pattern")).as(where + ": a pattern is shown to people as a regular expression").isFalse();
                assertThat(field.path("description").asText()).as(where + ": says what it takes").hasSizeGreaterThan(10)
                        .doesNotContain("^").doesNotContain("[a-z").doesNotContain("\\d").doesNotContain("$");
            }
        }
    }

    @Test
    void theIdsOfEveryRunbookAreFound() {
        assertThat(idsByProcess().get("commission-machines")).contains("Task_ValidateInput", "EndEvent_InputRejected", "Flow_Retry");
    }

    @Test
    void aBrokenModelBreaksEveryRule() throws IOException {
        ProcessModelRules withMissingId = new ProcessModelRules(rules.beanNames(), rules.formIds(),
                Map.of("BrokenRunbook", Set.of("Task_ThatIsNotThere", "Task_CheckSomething")));
        BpmnModelInstance broken;
        try (InputStream in = getClass().getResourceAsStream("/model-checks/broken-runbook.bpmn.xml")) {
            broken = Bpmn.readModelFromStream(in);
        }

        List<String> violations = withMissingId.violations("broken-runbook.bpmn.xml", broken);

        assertThat(violations).anySatisfy(v -> assertThat(v).contains("process id 'BrokenRunbook' must equal the file name 'broken-runbook'"))
                .anySatisfy(v -> assertThat(v).contains("the process has no camunda:historyTimeToLive"))
                .anySatisfy(v -> assertThat(v).contains("start event StartEvent_Started must record camunda:initiator"))
                .anySatisfy(v -> assertThat(v).contains("start event StartEvent_Started must be camunda:asyncAfter"))
                .anySatisfy(v -> assertThat(v).contains("service task Task_CheckSomething must be camunda:asyncBefore"))
                .anySatisfy(v -> assertThat(v).contains("service task Task_CheckSomething needs a failedJobRetryTimeCycle").contains("'R3/PT1M'"))
                .anySatisfy(v -> assertThat(v).contains("service task Gateway_0yblx89 needs a failedJobRetryTimeCycle").contains("'${retries.ftp}'"))
                .anySatisfy(v -> assertThat(v).contains("Task_CheckSomething delegates to ${noSuchBean}, which names no Spring bean"))
                .anySatisfy(v -> assertThat(v).contains("user task Task_Approve must be offered to approvers or ops-leads, not [everyone]"))
                .anySatisfy(v -> assertThat(v).contains("Task_Approve needs camunda:formRef"))
                .anySatisfy(v -> assertThat(v).contains("user task Task_Approve needs a documentation saying what is decided"))
                .anySatisfy(v -> assertThat(v).contains("a runbook offered in Tasklist needs the name '<Runbook>: <what it does, in one line>'"))
                .anySatisfy(v -> assertThat(v).contains("StartEvent_Started needs camunda:formRef"))
                .anySatisfy(v -> assertThat(v).contains("element id 'Gateway_0yblx89'"))
                .anySatisfy(v -> assertThat(v).contains("flow node EndEvent_Done has no shape"))
                .anySatisfy(v -> assertThat(v).contains("sequence flow Flow_ToEnd has no edge"))
                .anySatisfy(v -> assertThat(v).contains("the Ids class names 'Task_ThatIsNotThere'"))
                .noneSatisfy(v -> assertThat(v).contains("'Task_CheckSomething', which the model does not have"));
        assertThat(violations).hasSize(20); // the four flows without an edge count once each
    }

    @Test
    void theRunbookModelPassesWhereTheBrokenOneFails() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/commission-machines.bpmn")) {
            assertThat(rules.violations("commission-machines.bpmn", Bpmn.readModelFromStream(in))).isEmpty();
        }
    }

    // ---- what the service has -----------------------------------------------------------------------------

    /** The names of the service's Spring beans: its components and the @Bean methods of its configurations. */
    static Set<String> beanNames() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Set<String> names = new HashSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("io.dayshift")) {
            names.add(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, registry));
            for (Method method : Class.forName(definition.getBeanClassName()).getDeclaredMethods()) {
                Bean bean = method.getAnnotation(Bean.class);
                if (bean != null) {
                    names.addAll(bean.name().length > 0 ? List.of(bean.name()) : List.of(method.getName()));
                }
            }
        }
        return names;
    }

    static Set<String> formIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:*.form")) {
            try (InputStream in = form.getInputStream()) {
                ids.add(new ObjectMapper().readTree(in).path("id").asText());
            }
        }
        return ids;
    }

    /**
     * Every class of {@code io.dayshift.runbook..} with a {@code PROCESS_KEY}: that key → the element ids among its string
     * constants and those of its nested classes (except nested classes with a {@code PROCESS_KEY} of their own: they are
     * found as classes of their own).
     */
    static Map<String, Set<String>> idsByProcess() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) -> true);
        Map<String, Set<String>> byKey = new HashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("io.dayshift.runbook")) {
            try {
                Class<?> type = Class.forName(definition.getBeanClassName());
                Field keyField;
                try {
                    keyField = type.getDeclaredField("PROCESS_KEY");
                } catch (NoSuchFieldException none) {
                    continue;
                }
                Set<String> elements = new HashSet<>();
                collectIds(type, elements);
                byKey.merge((String) keyField.get(null), elements, (a, b) -> {
                    a.addAll(b);
                    return a;
                });
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return byKey;
    }

    private static void collectIds(Class<?> type, Set<String> elements) throws IllegalAccessException {
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                if (!field.getName().equals("PROCESS_KEY") && ProcessModelRules.looksLikeElementId(value)) {
                    elements.add(value);
                }
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            // a nested class with a PROCESS_KEY of its own names the ids of another model (a runbook's part)
            if (Modifier.isStatic(nested.getModifiers()) && Stream.of(nested.getDeclaredFields()).noneMatch(f -> f.getName().equals("PROCESS_KEY"))) {
                collectIds(nested, elements);
            }
        }
    }
}
