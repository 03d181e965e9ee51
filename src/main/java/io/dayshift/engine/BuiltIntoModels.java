package io.dayshift.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Builds a rule into every model as it is deployed, with a BPMN parse listener run after the engine's own: what it adds
 * (built-in listeners, behaviours) no model can forget, and it still holds when a run is modified with "skip custom
 * listeners".
 */
public final class BuiltIntoModels {

    private BuiltIntoModels() {
    }

    /** Adds {@code listener} to those the engine runs on every deployed model; call it in a plugin's {@code preInit}. */
    public static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(listener);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
