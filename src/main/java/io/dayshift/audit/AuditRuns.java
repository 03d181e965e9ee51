package io.dayshift.audit;

import io.dayshift.audit.RunOutcomes.State;
import io.dayshift.engine.RunLog;
import io.dayshift.evidence.Entry;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.evidence.EvidenceVerifier;
import io.dayshift.evidence.RunReaders;
import io.dayshift.evidence.Verification;
import io.dayshift.runbook.DecisionNotices;
import io.dayshift.runbook.RunVariables;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The runs an auditor reads, from the engine's history, as the user may read them (the engine's authorizations decide,
 * {@link RunReaders}): a page of runs (root process instances, newest first) and one run with its journal and its
 * verification.
 *
 * <p>A page costs three queries: the page itself (the filters in the query, ordered by start time, one row more than a
 * page to know whether another follows, no count), the variables the page shows (site, target, summary) for its runs at
 * once, and which of them have an open incident; a filter by target adds one, the runs whose target variables name it.
 * A run adds its journal and its check.
 */
@Component
class AuditRuns {

    static final int PAGE_SIZE = 50;
    private static final String OPEN = "open";

    /** The variables the list and the run page show. */
    private static final List<String> SHOWN = Stream.concat(Stream.of(RunVariables.SITE.name(), RunLog.SUMMARY.name()),
            DecisionNotices.TARGET_VARIABLES.stream()).toList();

    private final HistoryService history;
    private final RepositoryService repository;
    private final RunReaders readers;
    private final EvidenceStore evidence;
    private final EvidenceVerifier verifier;
    private final JdbcTemplate jdbc;
    private final String tablePrefix;
    /** Per process definition id: the names of its elements (definitions never change once deployed). */
    private final Map<String, Map<String, String>> names = new ConcurrentHashMap<>();

    AuditRuns(HistoryService history, RepositoryService repository, RunReaders readers, EvidenceStore evidence, EvidenceVerifier verifier,
              JdbcTemplate jdbc, ProcessEngine engine) {
        this.history = history;
        this.jdbc = jdbc;
        String prefix = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix();
        this.tablePrefix = prefix == null ? "" : prefix;
        this.repository = repository;
        this.readers = readers;
        this.evidence = evidence;
        this.verifier = verifier;
    }

    /** A run as the list shows it. */
    record Run(String id, String runbook, String runbookName, int version, String definitionId, Optional<String> site,
               Optional<String> target, Optional<String> startedBy, Instant started, Optional<Instant> ended, State state,
               boolean incident, Optional<String> end, Optional<String> summary, Optional<String> cancelReason) {

        /** The outcome in words: where it ended (or that it was cancelled, or still runs). */
        String outcome() {
            if (state == State.RUNNING) {
                return incident ? "running, with an open incident" : "running";
            }
            return end.orElseGet(() -> cancelReason.map(r -> "cancelled: " + r).orElse("cancelled"));
        }
    }

    /** One page of runs, and whether another follows. */
    record Page(List<Run> runs, boolean more) {
    }

    /** A run with what its page shows beyond its row. */
    record Detail(Run run, List<Entry> journal, Verification verification, List<Run> called, Optional<Run> caller) {

        List<Entry> decisions() {
            return journal.stream().filter(e -> Entry.PEOPLE.equals(e.origin())).toList();
        }
    }

    Page page(Authentication user, RunFilter filter) {
        return readers.asUser(user, () -> {
            HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery().rootProcessInstances();
            filter.runbook().ifPresent(query::processDefinitionKey);
            filter.site().ifPresent(site -> query.variableValueEquals(RunVariables.SITE.name(), site));
            filter.person().ifPresent(query::startedBy);
            filter.from().ifPresent(day -> query.startedAfter(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant())));
            filter.to().ifPresent(day -> query.startedBefore(Date.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
            if (filter.target().isPresent()) {
                Set<String> naming = runsNaming(filter.target().get());
                if (naming.isEmpty()) {
                    return new Page(List.of(), false);
                }
                query.processInstanceIds(naming);
            }
            filter.state().ifPresent(state -> {
                switch (state) {
                    case RUNNING -> query.unfinished();
                    case SUCCEEDED -> query.completed().executedActivityIdIn(RunOutcomes.SUCCEEDED.toArray(String[]::new));
                    case REFUSED_OR_FAILED -> query.completed().executedActivityIdIn(RunOutcomes.REFUSED_OR_FAILED.toArray(String[]::new));
                    case ENDED_OTHERWISE -> query.finished().or().externallyTerminated()
                            .executedActivityIdIn(RunOutcomes.ENDED_OTHERWISE.toArray(String[]::new)).endOr();
                    case INCIDENT -> query.withIncidents().incidentStatus(OPEN);
                }
            });
            List<HistoricProcessInstance> found = query.orderByProcessInstanceStartTime().desc().orderByProcessInstanceId().desc()
                    .listPage((filter.page() - 1) * PAGE_SIZE, PAGE_SIZE + 1);
            List<HistoricProcessInstance> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
            List<Run> runs = runs(shown);
            return new Page(runs, found.size() > PAGE_SIZE);
        });
    }

    /** The run, if it exists and the user may read it. */
    Optional<Detail> run(Authentication user, String id) {
        return readers.asUser(user, () -> {
            HistoricProcessInstance found = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
            if (found == null) {
                return Optional.<Detail>empty();
            }
            Run run = runs(List.of(found)).get(0);
            List<Run> called = runs(history.createHistoricProcessInstanceQuery().superProcessInstanceId(id)
                    .orderByProcessInstanceStartTime().asc().list());
            Optional<Run> caller = Optional.ofNullable(found.getSuperProcessInstanceId()).flatMap(parent -> Optional.ofNullable(
                    history.createHistoricProcessInstanceQuery().processInstanceId(parent).singleResult())).map(p -> runs(List.of(p)).get(0));
            return Optional.of(new Detail(run, evidence.entries(id), verifier.run(id), called, caller));
        });
    }

    /** The keys of the runbooks the user may read, for the filter's choice. */
    List<String> runbooks(Authentication user) {
        return readers.asUser(user, () -> repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream().map(ProcessDefinition::getKey).distinct().toList());
    }

    /** The name of an element of a runbook's model (its id when it has none). */
    String elementName(String definitionId, String elementId) {
        if (elementId == null) {
            return "";
        }
        return names.computeIfAbsent(definitionId, id -> repository.getBpmnModelInstance(id).getModelElementsByType(FlowElement.class)
                .stream().filter(e -> e.getName() != null && !e.getName().isBlank())
                .collect(Collectors.toUnmodifiableMap(FlowElement::getId, FlowElement::getName, (a, b) -> a))).getOrDefault(elementId, elementId);
    }

    private List<Run> runs(List<HistoricProcessInstance> instances) {
        if (instances.isEmpty()) {
            return List.of();
        }
        String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
        Map<String, Map<String, String>> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids)
                .variableNameIn(SHOWN.toArray(String[]::new)).disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            Object value = variable.getValue();
            if (value != null && !value.toString().isBlank() && variable.getProcessInstanceId().equals(variable.getExecutionId())) {
                variables.computeIfAbsent(variable.getProcessInstanceId(), k -> new HashMap<>()).put(variable.getName(), value.toString());
            }
        }
        Set<String> running = instances.stream().filter(i -> i.getEndTime() == null).map(HistoricProcessInstance::getId).collect(Collectors.toSet());
        Set<String> withIncident = running.isEmpty() ? Set.of() : history.createHistoricProcessInstanceQuery().processInstanceIds(running)
                .withIncidents().incidentStatus(OPEN).list().stream().map(HistoricProcessInstance::getId).collect(Collectors.toCollection(HashSet::new));
        List<Run> runs = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            Map<String, String> values = variables.getOrDefault(instance.getId(), Map.of());
            State state = RunOutcomes.of(instance);
            Optional<String> end = state == State.RUNNING || instance.getEndActivityId() == null ? Optional.empty()
                    : Optional.of(elementName(instance.getProcessDefinitionId(), instance.getEndActivityId()));
            boolean cancelled = HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState());
            runs.add(new Run(instance.getId(), instance.getProcessDefinitionKey(),
                    Optional.ofNullable(instance.getProcessDefinitionName()).orElse(instance.getProcessDefinitionKey()),
                    instance.getProcessDefinitionVersion() == null ? 0 : instance.getProcessDefinitionVersion(), instance.getProcessDefinitionId(),
                    Optional.ofNullable(values.get(RunVariables.SITE.name())),
                    DecisionNotices.TARGET_VARIABLES.stream().map(values::get).filter(v -> v != null).findFirst(),
                    Optional.ofNullable(instance.getStartUserId()), instance.getStartTime().toInstant(),
                    Optional.ofNullable(instance.getEndTime()).map(Date::toInstant), state, withIncident.contains(instance.getId()),
                    cancelled ? Optional.empty() : end, Optional.ofNullable(values.get(RunLog.SUMMARY.name())),
                    cancelled ? Optional.ofNullable(instance.getDeleteReason()) : Optional.empty()));
        }
        return runs;
    }

    /**
     * The runs whose target variables name {@code target} (one of the names they hold), as candidates for the page's query,
     * which then applies the user's authorizations and every other filter. One query of the variables of those names
     * (an index on the variable's name), rather than one join per variable name in the page's query, whose rows would
     * multiply.
     */
    private Set<String> runsNaming(String target) {
        String names = DecisionNotices.TARGET_VARIABLES.stream().map(n -> "?").collect(Collectors.joining(", "));
        List<Object> arguments = new ArrayList<>(DecisionNotices.TARGET_VARIABLES);
        arguments.add("%" + target + "%");
        Set<String> runs = new HashSet<>();
        jdbc.query("SELECT PROC_INST_ID_, TEXT_ FROM " + tablePrefix + "ACT_HI_VARINST WHERE NAME_ IN (" + names + ") "
                + "AND EXECUTION_ID_ = PROC_INST_ID_ AND TEXT_ LIKE ?", row -> {
                    if (names(row.getString(2)).contains(target)) {
                        runs.add(row.getString(1));
                    }
                }, arguments.toArray());
        return runs;
    }

    /** The names in a target variable: one name, or a comma- or space-separated list (JSON list brackets and quotes ignored). */
    private static Set<String> names(String target) {
        return Stream.of(target.split("[\\s,\\[\\]\"]+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
