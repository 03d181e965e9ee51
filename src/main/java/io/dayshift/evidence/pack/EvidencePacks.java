package io.dayshift.evidence.pack;

import io.dayshift.evidence.Entry;
import io.dayshift.evidence.EvidenceStore;
import io.dayshift.evidence.EvidenceVerifier;
import io.dayshift.evidence.pack.EvidencePack.Alert;
import io.dayshift.evidence.pack.EvidencePack.Call;
import io.dayshift.evidence.pack.EvidencePack.Decision;
import io.dayshift.evidence.pack.EvidencePack.Element;
import io.dayshift.evidence.pack.EvidencePack.Failure;
import io.dayshift.evidence.pack.EvidencePack.Health;
import io.dayshift.evidence.pack.EvidencePack.Incident;
import io.dayshift.evidence.pack.EvidencePack.Limits;
import io.dayshift.evidence.pack.EvidencePack.Plan;
import io.dayshift.evidence.pack.EvidencePack.Result;
import io.dayshift.evidence.pack.EvidencePack.Runbook;
import io.dayshift.evidence.pack.EvidencePack.Start;
import io.dayshift.evidence.pack.EvidencePack.Step;
import io.dayshift.evidence.pack.EvidencePack.Timer;
import io.dayshift.evidence.pack.EvidencePack.Value;
import io.dayshift.site.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Builds a run's {@link EvidencePack} from the engine's history (the run, its steps, variables, start variables, timer
 * jobs, incidents: each query by the run's own process instance id, so that no query grows with the history table beyond
 * the run's own rows) and from its evidence journal ({@link EvidenceStore#entries}, verified once by
 * {@link EvidenceVerifier}). Works for runs that ended and runs still going. It does not check who asks: the routes ask
 * {@link io.dayshift.evidence.RunReaders} first.
 *
 * <p>Secrets never enter a pack: every text goes through {@link Secrets#redact} (the values the service read as secrets),
 * and an input whose name says it is a credential is withheld whatever its value.
 */
@Component
public class EvidencePacks {

    /** The variable a run's result summary is in ({@code RunLog.SUMMARY}). */
    static final String SUMMARY = "summary";
    /** The site variable every runbook has ({@code RunVariables.SITE}). */
    static final String SITE = "site";
    /**
     * The health the runbooks keep, by phase: {@code health}/{@code healthSummary} out of the site health check a runbook
     * runs before it acts (and of {@code site-health-check} itself), sev1-incident's check at detection and at resolution,
     * rolling-upgrade's check after the upgrade, add-compute-node's report of the check it runs.
     */
    static final List<Health> HEALTH_VARIABLES = List.of(new Health("before", "health", null), new Health("before", "healthSummary", null),
            new Health("before", "detectionHealth", null), new Health("after", "resolutionHealth", null),
            new Health("after", "healthAfter", null), new Health("after", "healthAfterSummary", null),
            new Health("after", "healthReport", null));
    /**
     * The variables that state a runbook's limit or how a run kept it: rolling-upgrade's maintenance window, dr-restore's
     * RPO and RTO and the RTO it achieved, backup-site's part deadline, sev1-incident's SLA overrun and RTO.
     */
    static final List<String> LIMIT_VARIABLES = List.of("windowStart", "windowEnd", "restoreStartedAt", "rpoHours", "rtoHours", "withinRpo",
            "achievedRtoMinutes", "rtoMet", "partDeadline", "overrun");
    /** The variables an alert hands to the run it starts ({@code AlertVariables}). */
    static final String ALERTNAME = "alertname";
    static final String FINGERPRINT = "fingerprint";
    static final String SEVERITY = "severity";
    static final String STARTS_AT = "startsAt";
    /** The extension property of an approval step naming the variables of its plan ({@code Approvals.PLAN_PROPERTY}). */
    static final String PLAN_PROPERTY = "plan";
    /** An input whose name says it is a credential is withheld, whatever its value. */
    static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|passwd|secret|token|api.?key|private.?key|credential).*");
    static final String WITHHELD = "(withheld: a credential)";
    /** The most of one text a pack keeps (the journal keeps as much). */
    static final int MAX_TEXT = 4000;

    private final HistoryService history;
    private final RepositoryService repository;
    private final EvidenceStore store;
    private final EvidenceVerifier verifier;
    private final Secrets secrets;

    EvidencePacks(HistoryService history, RepositoryService repository, EvidenceStore store, EvidenceVerifier verifier, Secrets secrets) {
        this.history = history;
        this.repository = repository;
        this.store = store;
        this.verifier = verifier;
        this.secrets = secrets;
    }

    /** The run's pack; empty when the engine's history has no such run. */
    public Optional<EvidencePack> of(String run) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(run).singleResult();
        return Optional.ofNullable(instance).map(this::pack);
    }

    private EvidencePack pack(HistoricProcessInstance instance) {
        String run = instance.getId();
        ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        Map<String, String> variables = variables(run);
        List<Value> inputs = inputs(run);
        List<Entry> entries = store.entries(run);
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery().processInstanceId(run)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();

        Runbook runbook = new Runbook(definition.getKey(), definition.getName(), definition.getVersion(), definition.getVersionTag(),
                definition.getId());
        String site = Optional.ofNullable(variables.get(SITE)).filter(s -> !s.isBlank()).orElse("-");
        return new EvidencePack(EvidencePack.SCHEMA, run, runbook, text(site), instance.getState(), start(instance, model, inputs, variables),
                time(instance.getEndTime()), inputs, plans(model, variables, entries, activities), decisions(entries), calls(entries), failures(entries),
                incidents(run), health(variables), limits(run, model, variables, activities), steps(activities),
                new Result(element(model, instance.getEndActivityId()), text(variables.get(SUMMARY))), verification(run, entries));
    }

    /** The run's own variables (its process scope, not a task's), by name, as text. */
    private Map<String, String> variables(String run) {
        Map<String, String> values = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(run)
                .disableCustomObjectDeserialization().list()) {
            if (run.equals(variable.getActivityInstanceId()) || !values.containsKey(variable.getName())) {
                values.put(variable.getName(), value(variable.getTypedValue()));
            }
        }
        return values;
    }

    /** The variables the run was started with, by name; a credential withheld, every known secret masked. */
    private List<Value> inputs(String run) {
        Map<String, String> inputs = new java.util.TreeMap<>();
        for (HistoricDetail detail : history.createHistoricDetailQuery().processInstanceId(run).variableUpdates().initial()
                .disableCustomObjectDeserialization().list()) {
            if (detail instanceof HistoricVariableUpdate update) {
                inputs.putIfAbsent(update.getVariableName(), CREDENTIAL.matcher(update.getVariableName()).matches() ? WITHHELD
                        : text(value(update.getTypedValue())));
            }
        }
        return inputs.entrySet().stream().map(e -> new Value(e.getKey(), e.getValue())).toList();
    }

    private Start start(HistoricProcessInstance instance, BpmnModelInstance model, List<Value> inputs, Map<String, String> variables) {
        Element event = element(model, instance.getStartActivityId());
        boolean timer = model.getModelElementById(instance.getStartActivityId()) instanceof StartEvent start
                && !start.getChildElementsByType(TimerEventDefinition.class).isEmpty();
        boolean alert = instance.getStartUserId() == null && inputs.stream().anyMatch(v -> v.name().equals(FINGERPRINT));
        String how;
        if (timer) {
            how = Start.TIMER;
        } else if (alert) {
            how = Start.ALERT;
        } else if (instance.getSuperProcessInstanceId() != null) {
            how = Start.ENGINE;
        } else {
            how = instance.getStartUserId() != null ? Start.PERSON : Start.ENGINE;
        }
        Alert byAlert = alert ? new Alert(text(variables.get(ALERTNAME)), text(variables.get(FINGERPRINT)), text(variables.get(SEVERITY)),
                text(variables.get(STARTS_AT))) : null;
        return new Start(time(instance.getStartTime()), instance.getStartUserId(), how, event, byAlert, instance.getSuperProcessInstanceId());
    }

    /**
     * Each approval step of the model with a plan that the run reached: the plan's variables now, and what its last
     * approvals approved (journal).
     */
    private List<Plan> plans(BpmnModelInstance model, Map<String, String> variables, List<Entry> entries, List<HistoricActivityInstance> activities) {
        Set<String> reached = new java.util.HashSet<>();
        activities.forEach(a -> reached.add(a.getActivityId()));
        List<Plan> plans = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            Optional<String> names = planProperty(task);
            if (names.isEmpty()) {
                continue;
            }
            List<Entry> approvals = entries.stream().filter(e -> e.kind().equals(io.dayshift.evidence.Decision.APPROVAL))
                    .filter(e -> task.getId().equals(e.step())).toList();
            if (approvals.isEmpty() && !reached.contains(task.getId())) {
                continue; // a step the run did not reach
            }
            List<Value> values = java.util.Arrays.stream(names.get().split(",")).map(String::strip).filter(n -> !n.isEmpty()).sorted()
                    .map(n -> new Value(n, text(variables.get(n)))).toList();
            String approved = null;
            List<String> approvedBy = new ArrayList<>();
            for (Entry approval : approvals) {
                if (approval.action().startsWith("approved")) {
                    String fingerprint = planOf(approval.outcome());
                    if (!Objects.equals(fingerprint, approved)) {
                        approvedBy.clear();
                    }
                    approved = fingerprint;
                    approvedBy.add(byOf(approval.outcome()));
                } else {
                    approved = null;
                    approvedBy.clear();
                }
            }
            plans.add(new Plan(task.getId(), task.getName(), values, approved, List.copyOf(approvedBy)));
        }
        return plans;
    }

    private static Optional<String> planProperty(UserTask task) {
        if (task.getExtensionElements() == null) {
            return Optional.empty();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
                .stream().flatMap(p -> p.getCamundaProperties().stream()).filter(p -> PLAN_PROPERTY.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).filter(Objects::nonNull).findFirst();
    }

    /** {@code by alice, plan 3f9a-12bc-77e0} (how the journal writes a decision's outcome): the plan's fingerprint, or "". */
    static String planOf(String outcome) {
        int at = outcome.lastIndexOf(", plan ");
        return at < 0 ? "" : outcome.substring(at + ", plan ".length());
    }

    /** {@code by alice, plan …}: alice. */
    static String byOf(String outcome) {
        String by = outcome.startsWith("by ") ? outcome.substring(3) : outcome;
        int plan = by.lastIndexOf(", plan ");
        return plan < 0 ? by : by.substring(0, plan);
    }

    private static List<Decision> decisions(List<Entry> entries) {
        return entries.stream().filter(e -> Entry.PEOPLE.equals(e.origin()))
                .map(e -> new Decision(e.seq(), time(e.at()), e.kind(), e.step(), e.target(), e.action(), e.outcome(), e.detail())).toList();
    }

    private static List<Call> calls(List<Entry> entries) {
        return entries.stream().filter(e -> e.kind().equals(Entry.CALL) || e.kind().equals(Entry.CALL_NOT_COMMITTED))
                .map(e -> new Call(e.seq(), time(e.at()), e.origin(), e.step(), e.target(), e.action(), e.outcome(), e.detail(),
                        e.kind().equals(Entry.CALL)))
                .toList();
    }

    private static final Set<String> FAILURES = Set.of(Entry.JOB_FAILED, Entry.INCIDENT_CREATED, Entry.INCIDENT_RESOLVED, Entry.INCIDENT_DELETED);

    private static List<Failure> failures(List<Entry> entries) {
        return entries.stream().filter(e -> FAILURES.contains(e.kind()))
                .map(e -> new Failure(e.seq(), time(e.at()), e.kind(), e.step(), e.action(), e.outcome(), e.detail())).toList();
    }

    private List<Incident> incidents(String run) {
        return history.createHistoricIncidentQuery().processInstanceId(run).orderByCreateTime().asc().list().stream()
                .map(this::incident).toList();
    }

    private Incident incident(HistoricIncident incident) {
        String state = incident.isOpen() ? "open" : incident.isResolved() ? "resolved" : "deleted";
        return new Incident(incident.getActivityId(), incident.getIncidentType(), text(incident.getIncidentMessage()),
                time(incident.getCreateTime()), time(incident.getEndTime()), state);
    }

    private List<Health> health(Map<String, String> variables) {
        return HEALTH_VARIABLES.stream().filter(h -> variables.get(h.name()) != null)
                .map(h -> new Health(h.phase(), h.name(), text(variables.get(h.name())))).toList();
    }

    /** The model's timers: when each was last due in this run (its timer jobs) and when it fired; the run's limit variables. */
    private Limits limits(String run, BpmnModelInstance model, Map<String, String> variables, List<HistoricActivityInstance> activities) {
        Map<String, Date> due = new HashMap<>();
        for (HistoricJobLog created : history.createHistoricJobLogQuery().processInstanceId(run).creationLog().list()) {
            if (created.getJobDueDate() != null && created.getActivityId() != null) {
                due.merge(created.getActivityId(), created.getJobDueDate(), (a, b) -> a.after(b) ? a : b);
            }
        }
        Map<String, Date> fired = new HashMap<>();
        activities.forEach(a -> fired.putIfAbsent(a.getActivityId(), a.getStartTime()));
        List<Timer> timers = new ArrayList<>();
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            ModelElementInstance event = timer.getParentElement();
            String id = event instanceof BaseElement element ? element.getId() : "";
            String name = event instanceof FlowElement flow ? flow.getName() : null;
            String expression = timer.getTimeDate() != null ? "date " + timer.getTimeDate().getTextContent()
                    : timer.getTimeDuration() != null ? "duration " + timer.getTimeDuration().getTextContent()
                    : timer.getTimeCycle() != null ? "cycle " + timer.getTimeCycle().getTextContent() : "";
            timers.add(new Timer(id, name, expression.strip(), time(due.get(id)), time(fired.get(id))));
        }
        timers.sort(Comparator.comparing(Timer::id));
        List<Value> values = LIMIT_VARIABLES.stream().filter(n -> variables.get(n) != null).map(n -> new Value(n, text(variables.get(n)))).toList();
        return new Limits(timers, values);
    }

    private static List<Step> steps(List<HistoricActivityInstance> activities) {
        return activities.stream().map(a -> new Step(a.getActivityId(), a.getActivityName(), a.getActivityType(), time(a.getStartTime()),
                time(a.getEndTime()), a.getDurationInMillis())).toList();
    }

    private EvidencePack.Verification verification(String run, List<Entry> entries) {
        io.dayshift.evidence.Verification verified = verifier.run(run, entries);
        return new EvidencePack.Verification(verified.intact(), verified.checked(),
                verified.mismatch().map(m -> new EvidencePack.Mismatch(m.chain(), m.seq(), m.step(), m.what())).orElse(null),
                entries.size(), entries.isEmpty() ? io.dayshift.evidence.Chains.GENESIS : entries.get(entries.size() - 1).hash());
    }

    private static Element element(BpmnModelInstance model, String id) {
        if (id == null) {
            return null;
        }
        return new Element(id, model.getModelElementById(id) instanceof FlowElement flow ? flow.getName() : null);
    }

    /** A variable's value as text: a record as its JSON (never deserialised), anything else as itself. */
    private static String value(TypedValue typed) {
        if (typed instanceof SerializableValue serializable) {
            return serializable.getValueSerialized();
        }
        return typed == null || typed.getValue() == null ? null : String.valueOf(typed.getValue());
    }

    /** Text as a pack keeps it: every known secret masked, at most {@value #MAX_TEXT} characters. */
    private String text(String value) {
        if (value == null) {
            return null;
        }
        String redacted = secrets.redact(value);
        return redacted.length() <= MAX_TEXT ? redacted : redacted.substring(0, MAX_TEXT - 1) + "…";
    }

    private static String time(Date at) {
        return at == null ? null : at.toInstant().toString();
    }

    private static String time(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
