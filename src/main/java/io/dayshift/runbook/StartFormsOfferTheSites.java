package io.dayshift.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dayshift.engine.EngineCommands;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A start form offers what can be chosen instead of asking to type it, and says where the run can be followed. Tasklist
 * renders a start form from the form as the engine serves it (it loads no variables for a start form), so the engine
 * serves every runbook's start form with:
 * <ul>
 *   <li>its {@value #SITE} field as a list of the configured sites ({@code dayshift.sites} and the lab), so no one types a
 *       site that is not there;</li>
 *   <li>its {@value #MY_RUNS} text naming the link to the person's own runs, {@code /audit?person=<them>} ("My runs"),
 *       where the run's progress, result and any refusal are shown.</li>
 * </ul>
 * The fields a person submits stay the form's own ({@code RunGuard} reads the deployed form), and the runbook's input
 * check still judges every value, whoever starts the run.
 */
@Component
class StartFormsOfferTheSites extends AbstractProcessEnginePlugin {

    static final String SITE = "site";
    static final String MY_RUNS = "Text_MyRuns";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectProvider<Sites> sites;

    StartFormsOfferTheSites(ObjectProvider<Sites> sites) {
        this.sites = sites;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addInsideContext(configuration, new Offering());
    }

    private final class Offering extends CommandInterceptor {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(Command<T> command) {
            T result = next.execute(command);
            if (command instanceof GetDeployedStartFormCmd && result instanceof InputStream form) {
                Authentication user = Context.getCommandContext().getAuthentication();
                List<String> names = sites.getObject().all().stream().map(Site::name).sorted().toList();
                return (T) offered(form, names, user == null ? null : user.getUserId());
            }
            return result;
        }
    }

    /** The form with its site field a list of {@code siteNames} and its "My runs" text linking to {@code user}'s runs. */
    static InputStream offered(InputStream deployed, List<String> siteNames, String user) {
        try (InputStream in = deployed) {
            JsonNode form = JSON.readTree(in);
            if (form instanceof ObjectNode && form.get("components") instanceof ArrayNode components) {
                offer(components, siteNames, user);
            }
            return new ByteArrayInputStream(JSON.writeValueAsBytes(form));
        } catch (IOException e) {
            throw new UncheckedIOException("a deployed start form is not JSON", e);
        }
    }

    private static void offer(ArrayNode components, List<String> siteNames, String user) {
        for (JsonNode node : components) {
            if (!(node instanceof ObjectNode component)) {
                continue;
            }
            if (SITE.equals(component.path("key").asText()) && "textfield".equals(component.path("type").asText()) && !siteNames.isEmpty()) {
                component.put("type", "select");
                ArrayNode values = component.putArray("values");
                siteNames.forEach(name -> values.addObject().put("label", name).put("value", name));
                if (component.get("validate") instanceof ObjectNode validate) {
                    validate.remove(List.of("pattern", "maxLength", "minLength"));
                }
            }
            if (MY_RUNS.equals(component.path("id").asText()) && user != null && !user.isBlank()) {
                String link = "/audit?person=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
                component.put("text", "**Progress and result:** this run, and every run you start, is listed under [My runs](" + link
                        + ") (" + link + "): each step, every decision, and why a run was refused.");
            }
            if (component.get("components") instanceof ArrayNode nested) {
                offer(nested, siteNames, user);
            }
        }
    }
}
