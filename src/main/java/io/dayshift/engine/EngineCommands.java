package io.dayshift.engine;

import java.lang.reflect.Field;

/** What Dayshift reads of the engine's own commands, which keep their arguments in protected fields. */
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
}
