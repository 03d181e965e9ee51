package io.dayshift.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Builds a rule into every model as it is deployed, with a BPMN parse listener run after the engine's own: what it adds
 * (built-in listeners, behaviours) no model can forget, and it still holds when a run is modified with "skip custom
 * listeners".
 */
public final class BuiltIntoModels {

    private BuiltIntoModels() {
    }

    /** The {@code camunda:properties} of a model element, by name (empty when it has none). */
    public static Map<String, String> properties(Element element) {
        Map<String, String> properties = new LinkedHashMap<>();
        Element extensions = element.element("extensionElements");
        Element list = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (list != null) {
            for (Element property : list.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                properties.put(property.attribute("name"), property.attribute("value"));
            }
        }
        return properties;
    }

    /** Adds {@code listener} to those the engine runs on every deployed model; call it in a plugin's {@code preInit}. */
    public static void add(ProcessEngineConfigurationImpl configuration, BpmnParseListener listener) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(listener);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
