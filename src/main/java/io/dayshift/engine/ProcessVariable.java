package io.dayshift.engine;

import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * One process variable, named once, with its type: {@code SITE.get(execution)} instead of a raw
 * {@code getVariable} cast. Strings, booleans and numbers are stored as engine primitives (gateways
 * read them); records are stored as JSON, never with Java serialisation.
 *
 * @param <T> the variable's Java type
 */
public final class ProcessVariable<T> {

    /** The most characters the engine keeps in one text variable (its text column); a longer text fails the whole command. */
    public static final int MAX_TEXT = 4000;

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static ProcessVariable<String> string(String name) {
        return new ProcessVariable<>(name, String.class);
    }

    public static ProcessVariable<Boolean> bool(String name) {
        return new ProcessVariable<>(name, Boolean.class);
    }

    public static ProcessVariable<Long> number(String name) {
        return new ProcessVariable<>(name, Long.class);
    }

    /** A record (or list of records) kept as JSON. */
    public static <T> ProcessVariable<T> json(String name, Class<T> type) {
        return new ProcessVariable<>(name, type);
    }

    /**
     * A list of records kept as one JSON array (its element type is read from the first element when stored); always
     * stored as an {@link java.util.ArrayList}, which Camunda can read back.
     */
    @SuppressWarnings("unchecked")
    public static <E> ProcessVariable<java.util.List<E>> list(String name, Class<E> element) {
        Objects.requireNonNull(element);
        return new ProcessVariable<>(name, (Class<java.util.List<E>>) (Class<?>) java.util.List.class);
    }

    public String name() {
        return name;
    }

    /** The value, or an {@link IllegalStateException} naming the variable when it is missing. */
    public T get(VariableScope scope) {
        return find(scope).orElseThrow(() -> new IllegalStateException("process variable '" + name + "' is not set"));
    }

    public Optional<T> find(VariableScope scope) {
        return cast(scope.getVariable(name));
    }

    /** The value in this scope itself (a task's own variable), not one it sees from the run. */
    public Optional<T> findLocal(VariableScope scope) {
        return cast(scope.getVariableLocal(name));
    }

    private Optional<T> cast(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (type == Long.class && value instanceof Number number) {
            return Optional.of(type.cast(number.longValue()));
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("process variable '" + name + "' holds a " + value.getClass().getSimpleName()
                    + ", expected a " + type.getSimpleName());
        }
        return Optional.of(type.cast(value));
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, typed(value));
    }

    /** Sets the value in this scope itself (a task's own variable), not in the run it belongs to. */
    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, typed(value));
    }

    /** The value as the engine stores it, e.g. for starting a process or completing a task. */
    public TypedValue typed(T value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return Variables.untypedValue(value);
        }
        if (value instanceof java.util.List<?> list && !(value instanceof java.util.ArrayList<?>)) {
            return Variables.objectValue(new java.util.ArrayList<>(list)).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
        }
        return Variables.objectValue(value).serializationDataFormat(Variables.SerializationDataFormats.JSON).create();
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
