package io.dayshift.lab.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lab site's state as JSON, and back, for a lab that keeps its state across its own restarts.
 *
 * <p>What is state is found, not listed, so that a field added to the lab is kept without a change here: every field of
 * the site, and of the objects of this package it keeps a service's state in, except static and {@code transient} ones
 * and final fields that are neither collections nor such objects (name, flavour, clock, timings: the topology's). A final
 * collection is emptied and filled again (it keeps its own order and comparator); any other field is set.
 */
final class SiteState {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private SiteState() {
    }

    static String write(Object site) {
        try {
            return JSON.writeValueAsString(tree(site, Collections.newSetFromMap(new IdentityHashMap<>())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of " + site, e);
        }
    }

    static void read(Object site, String state) {
        try {
            read(site, (ObjectNode) JSON.readTree(state), Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a lab site's state: " + e.getMessage(), e);
        }
    }

    private static ObjectNode tree(Object holder, Set<Object> seen) {
        ObjectNode node = JSON.createObjectNode();
        seen.add(holder);
        for (Field field : fields(holder)) {
            Object value = get(field, holder);
            if (holdsState(field, value)) {
                if (!seen.contains(value)) {
                    node.set(field.getName(), tree(value, seen));
                }
            } else if (kept(field)) {
                node.set(field.getName(), JSON.valueToTree(value));
            }
        }
        return node;
    }

    private static void read(Object holder, ObjectNode node, Set<Object> seen) throws IOException {
        seen.add(holder);
        for (Field field : fields(holder)) {
            JsonNode value = node.get(field.getName());
            if (value == null) {
                continue; // written by a lab without that field: the topology's value stays
            }
            Object current = get(field, holder);
            if (holdsState(field, current)) {
                if (!seen.contains(current)) {
                    read(current, (ObjectNode) value, seen);
                }
                continue;
            }
            if (!kept(field)) {
                continue;
            }
            if (!Modifier.isFinal(field.getModifiers())) {
                set(field, holder, JSON.readerFor(type(field)).readValue(value));
                continue;
            }
            // read as the collection's own class (a LinkedHashSet keeps the order written), then put into it
            Object read = JSON.readerFor(JSON.getTypeFactory().constructSpecializedType(type(field), current.getClass())).readValue(value);
            if (current instanceof Map<?, ?> map) {
                refill(map, (Map<?, ?>) read);
            } else {
                refill((Collection<?>) current, (Collection<?>) read);
            }
        }
    }

    /** A field whose object keeps a service's state of its own: an object of this package that is not a value. */
    private static boolean holdsState(Field field, Object value) {
        return value != null && value.getClass().getPackage() == SiteState.class.getPackage() && !value.getClass().isRecord()
                && !value.getClass().isEnum() && !(value instanceof LabTimings) && !Modifier.isTransient(field.getModifiers());
    }

    /** A field that is state: not transient, and either settable or a collection to refill. */
    private static boolean kept(Field field) {
        int modifiers = field.getModifiers();
        return !Modifier.isTransient(modifiers)
                && (!Modifier.isFinal(modifiers) || Map.class.isAssignableFrom(field.getType()) || Collection.class.isAssignableFrom(field.getType()));
    }

    private static List<Field> fields(Object holder) {
        List<Field> fields = new ArrayList<>();
        for (Field field : holder.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }

    private static JavaType type(Field field) {
        return JSON.getTypeFactory().constructType(field.getGenericType());
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void refill(Map<K, V> map, Map<?, ?> from) {
        map.clear();
        map.putAll((Map<K, V>) from);
    }

    @SuppressWarnings("unchecked")
    private static <E> void refill(Collection<E> collection, Collection<?> from) {
        collection.clear();
        collection.addAll((Collection<E>) from);
    }

    private static Object get(Field field, Object holder) {
        try {
            return field.get(holder);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void set(Field field, Object holder, Object value) {
        try {
            field.set(holder, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
