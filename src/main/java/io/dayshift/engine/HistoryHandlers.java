package io.dayshift.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * What Dayshift learns from the engine's history events (the evidence journal, the metrics): each handler is added beside
 * the engine's own database handler, which still writes the history.
 */
public final class HistoryHandlers {

    private HistoryHandlers() {
    }

    /** Adds {@code handler} to those the engine gives every history event; call it in a plugin's {@code preInit}. */
    public static void add(ProcessEngineConfigurationImpl configuration, HistoryEventHandler handler) {
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        handlers.add(handler);
        configuration.setCustomHistoryEventHandlers(handlers);
    }
}
