package io.dayshift.runbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * The conventions of {@code docs/runbook-conventions.md} that a machine can check in a runbook's model; each broken rule
 * is one line naming the file, the element and the rule.
 *
 * @param beanNames      the Spring beans of the service (delegate expressions must name one)
 * @param formIds        the ids of the Camunda Forms on the classpath
 * @param idsByProcess   process key → the element ids its {@code <Name>Ids} class names
 */
record ProcessModelRules(Set<String> beanNames, Set<String> formIds, Map<String, Set<String>> idsByProcess) {

    /** The look at an awaited operation retries by the profile of the system its probe asks. */
    static final String PROBED_RETRIES = "${operationProbes.retryCycle(operation)}";
    static final Set<String> SYSTEMS = Set.of("openstack", "maas", "juju", "kolla", "shell", "notify", "database");
    static final Set<String> GROUPS = Set.of("approvers", "ops-leads");
    static final List<String> PREFIXES = List.of("Task", "Gateway", "EndEvent", "StartEvent", "Timer", "Flow", "Error", "Event", "SubProcess");
    /** A prefix, then a name in CamelCase: {@code Gateway_PlanApproved}, never a generated {@code Gateway_0yblx89}. */
    static final Pattern ELEMENT_ID = Pattern.compile("(?:" + String.join("|", PREFIXES) + ")_[A-Z][A-Za-z0-9]*");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    static final Pattern RETRIES = Pattern.compile("\\$\\{retries\\.([a-z]+)}");
    static final Pattern BEAN = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    /** Whether a constant of an Ids class names an element (rather than a key, an error code, a form or a value). */
    static boolean looksLikeElementId(String value) {
        return PREFIXES.stream().anyMatch(prefix -> value.startsWith(prefix + "_"));
    }

    List<String> violations(String fileName, BpmnModelInstance model) {
        List<String> problems = new ArrayList<>();
        String key = fileName.replaceAll("\\.bpmn(\\.xml)?$", "");
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        List<Process> executable = processes.stream().filter(Process::isExecutable).toList();
        if (executable.size() != 1) {
            problems.add(fileName + ": has " + executable.size() + " executable processes, not one");
            return problems;
        }
        Process process = executable.get(0);
        if (!process.getId().equals(key) || !KEY.matcher(key).matches()) {
            problems.add(fileName + ": the process id '" + process.getId() + "' must equal the file name '" + key + "' (kebab-case)");
        }
        if (process.getCamundaHistoryTimeToLiveString() == null || process.getCamundaHistoryTimeToLiveString().isBlank()) {
            problems.add(fileName + ": the process has no camunda:historyTimeToLive");
        }
        if (process.isCamundaStartableInTasklist() && (process.getName() == null || !process.getName().matches("[A-Z][^:]+: \\S.{19,}"))) {
            problems.add(fileName + ": a runbook offered in Tasklist needs the name '<Runbook>: <what it does, in one line>' (Tasklist's start dialog "
                    + "shows only the name), not " + (process.getName() == null ? "none" : "'" + process.getName() + "'"));
        }
        model.getModelElementsByType(StartEvent.class).stream().filter(e -> e.getParentElement() == process).forEach(start -> {
            if (!start.getEventDefinitions().isEmpty() && start.getEventDefinitions().stream().allMatch(d -> d instanceof TimerEventDefinition)) {
                // started by the engine's clock: no initiator, no form, but the start returns at once all the same
                if (!start.isCamundaAsyncAfter()) {
                    problems.add(fileName + ": start event " + start.getId() + " must be camunda:asyncAfter=\"true\"");
                }
                return;
            }
            if (!process.isCamundaStartableInTasklist()) {
                // a part of the runbooks that call it (await-operation): started by them only, with no form of its own
                if (!start.isCamundaAsyncAfter()) {
                    problems.add(fileName + ": start event " + start.getId() + " must be camunda:asyncAfter=\"true\"");
                }
                return;
            }
            if (!"initiator".equals(start.getCamundaInitiator())) {
                problems.add(fileName + ": start event " + start.getId() + " must record camunda:initiator=\"initiator\"");
            }
            if (!start.isCamundaAsyncAfter()) {
                problems.add(fileName + ": start event " + start.getId() + " must be camunda:asyncAfter=\"true\"");
            }
            checkForm(problems, fileName, start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding());
        });
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!task.isCamundaAsyncBefore()) {
                problems.add(fileName + ": service task " + task.getId() + " must be camunda:asyncBefore=\"true\"");
            }
            String cycle = task.getExtensionElements() == null ? null : task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).list().stream().map(c -> c.getTextContent().strip()).findFirst().orElse(null);
            Matcher retries = cycle == null ? null : RETRIES.matcher(cycle);
            if (!PROBED_RETRIES.equals(cycle) && (retries == null || !retries.matches() || !SYSTEMS.contains(retries.group(1)))) {
                problems.add(fileName + ": service task " + task.getId() + " needs a failedJobRetryTimeCycle ${retries.<system>} with a system of "
                        + SYSTEMS.stream().sorted().toList() + ", not " + (cycle == null ? "none" : "'" + cycle + "'"));
            }
            if (task.getCamundaDelegateExpression() == null) {
                problems.add(fileName + ": service task " + task.getId() + " must call a delegate bean with camunda:delegateExpression");
            } else {
                checkBean(problems, fileName, task.getId(), task.getCamundaDelegateExpression());
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            List<String> groups = task.getCamundaCandidateGroupsList().stream().map(String::strip).toList();
            if (groups.isEmpty() || !GROUPS.containsAll(groups)) {
                problems.add(fileName + ": user task " + task.getId() + " must be offered to approvers or ops-leads, not " + groups);
            }
            checkForm(problems, fileName, task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding());
            if (task.getDocumentations().stream().allMatch(d -> d.getTextContent() == null || d.getTextContent().isBlank())) {
                problems.add(fileName + ": user task " + task.getId() + " needs a documentation saying what is decided (Tasklist shows it as the task's description)");
            }
        }
        model.getModelElementsByType(CamundaTaskListener.class).stream().filter(l -> l.getCamundaDelegateExpression() != null)
                .forEach(l -> checkBean(problems, fileName, ((BaseElement) l.getParentElement().getParentElement()).getId(), l.getCamundaDelegateExpression()));
        model.getModelElementsByType(CamundaExecutionListener.class).stream().filter(l -> l.getCamundaDelegateExpression() != null)
                .forEach(l -> checkBean(problems, fileName, ((BaseElement) l.getParentElement().getParentElement()).getId(), l.getCamundaDelegateExpression()));
        List<String> ids = new ArrayList<>();
        model.getModelElementsByType(FlowElement.class).forEach(e -> ids.add(e.getId()));
        model.getModelElementsByType(Error.class).forEach(e -> ids.add(e.getId()));
        ids.stream().filter(id -> id == null || !ELEMENT_ID.matcher(id).matches()).forEach(id -> problems.add(fileName + ": element id '" + id
                + "' must be one of " + PREFIXES + " + '_' + a CamelCase name (no generated ids)"));
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream().filter(s -> s.getBpmnElement() != null)
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream().filter(s -> s.getBpmnElement() != null)
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        model.getModelElementsByType(FlowNode.class).stream().filter(n -> !shapes.contains(n.getId()))
                .forEach(n -> problems.add(fileName + ": flow node " + n.getId() + " has no shape in the diagram"));
        model.getModelElementsByType(SequenceFlow.class).stream().filter(f -> !edges.contains(f.getId()))
                .forEach(f -> problems.add(fileName + ": sequence flow " + f.getId() + " has no edge in the diagram"));
        Set<String> constants = idsByProcess.get(process.getId());
        if (constants == null) {
            problems.add(fileName + ": no <Name>Ids class has PROCESS_KEY = \"" + process.getId() + "\"");
        } else {
            constants.stream().filter(id -> !ids.contains(id)).sorted()
                    .forEach(id -> problems.add(fileName + ": the Ids class names '" + id + "', which the model does not have"));
        }
        return problems;
    }

    private void checkForm(List<String> problems, String fileName, String element, String formRef, String binding) {
        if (formRef == null || !formIds.contains(formRef)) {
            problems.add(fileName + ": " + element + " needs camunda:formRef naming a form in processes/, not " + formRef);
        } else if (!"latest".equals(binding)) {
            problems.add(fileName + ": " + element + " must bind its form with camunda:formRefBinding=\"latest\"");
        }
    }

    private void checkBean(List<String> problems, String fileName, String element, String expression) {
        Matcher bean = BEAN.matcher(expression.strip());
        if (!bean.matches() || !beanNames.contains(bean.group(1))) {
            problems.add(fileName + ": " + element + " delegates to " + expression + ", which names no Spring bean of the service");
        }
    }
}
