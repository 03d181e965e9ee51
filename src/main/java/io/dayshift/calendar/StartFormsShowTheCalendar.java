package io.dayshift.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.engine.EngineCommands;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The start form of every runbook that changes a site shows, before it is submitted, whether each site is open for
 * changes now and until when ({@link CalendarNotice}). Tasklist renders a Camunda Form start form from the form as the
 * engine serves it ({@code GET …/process-definition/{id}/deployed-start-form}; it loads no form variables for a start
 * form), so the engine serves it with a read-only text component, {@value #COMPONENT}, placed before the form's
 * {@code site} field (or in the component of that id when the form places it itself). A text component has no key: it is
 * nothing a person submits, and the form's fields, which {@code RunGuard} allows at a start, stay as they are.
 */
@Component
class StartFormsShowTheCalendar extends AbstractProcessEnginePlugin {

    static final String COMPONENT = "Text_SiteCalendars";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CalendarGate gate;
    private final ObjectProvider<CalendarNotice> notice;

    StartFormsShowTheCalendar(CalendarGate gate, ObjectProvider<CalendarNotice> notice) {
        this.gate = gate;
        this.notice = notice;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addInsideContext(configuration, new Showing());
    }

    private final class Showing extends CommandInterceptor {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(Command<T> command) {
            T result = next.execute(command);
            if (command instanceof GetDeployedStartFormCmd && result instanceof InputStream form) {
                String definitionId = EngineCommands.field(command, "processDefinitionId");
                ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(definitionId);
                if (gate.judges(definition.getKey())) {
                    return (T) withNotice(form, notice.getObject().text());
                }
            }
            return result;
        }
    }

    /** The form with the notice in its {@value #COMPONENT} component, added before the {@code site} field when it has none. */
    static InputStream withNotice(InputStream deployed, String text) {
        try (InputStream in = deployed) {
            JsonNode form = JSON.readTree(in);
            if (!(form instanceof ObjectNode schema) || !(form.get("components") instanceof ArrayNode components)) {
                return new ByteArrayInputStream(JSON.writeValueAsBytes(form));
            }
            ObjectNode shown = null;
            int site = 0;
            for (int i = components.size() - 1; i >= 0; i--) {
                JsonNode component = components.get(i);
                if (COMPONENT.equals(component.path("id").asText())) {
                    shown = (ObjectNode) component;
                }
                if ("site".equals(component.path("key").asText())) {
                    site = i;
                }
            }
            if (shown == null) {
                shown = components.insertObject(site);
                shown.put("id", COMPONENT);
                shown.put("type", "text");
            }
            shown.put("text", text);
            return new ByteArrayInputStream(JSON.writeValueAsBytes(schema));
        } catch (IOException e) {
            throw new UncheckedIOException("a deployed start form is not JSON", e);
        }
    }
}
