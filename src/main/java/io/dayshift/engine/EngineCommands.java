package io.dayshift.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Dayshift's hold on the engine's commands: interceptors it adds around every command, and what it reads of the engine's
 * own commands, which keep their arguments in protected fields.
 */
public final class EngineCommands {

    private EngineCommands() {
    }

    /** The command's field {@code name}, declared by its class or a superclass; an engine that renamed it is an error. */
    @SuppressWarnings("unchecked")
    public static <T> T field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return (T) field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field '" + name + "': the engine changed, update the code that reads it");
    }

    /**
     * Adds an interceptor that runs inside the command context and the transaction, before the command; call it in a
     * plugin's {@code preInit}.
     */
    public static void addInsideContext(ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
        add(configuration::getCustomPostCommandInterceptorsTxRequired, configuration::setCustomPostCommandInterceptorsTxRequired, interceptor);
    }

    /** Adds an interceptor that runs around the command context and its transaction; call it in a plugin's {@code preInit}. */
    public static void addAroundContext(ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
        add(configuration::getCustomPreCommandInterceptorsTxRequired, configuration::setCustomPreCommandInterceptorsTxRequired, interceptor);
    }

    private static void add(Supplier<List<CommandInterceptor>> get, Function<List<CommandInterceptor>, ?> set, CommandInterceptor interceptor) {
        List<CommandInterceptor> interceptors = get.get() == null ? new ArrayList<>() : new ArrayList<>(get.get());
        interceptors.add(interceptor);
        set.apply(interceptors);
    }
}
