package io.dayshift.adapter.maas;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Ordered request parameters; a multi-valued parameter repeats its key ({@code tags=a&tags=b}), as MAAS expects. */
final class Params {

    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    static Params of() {
        return new Params();
    }

    Params add(String key, String value) {
        entries.add(Map.entry(key, value));
        return this;
    }

    Params addAll(String key, Collection<String> values) {
        values.forEach(value -> add(key, value));
        return this;
    }

    Params addIfNotEmpty(String key, String value) {
        return value == null || value.isEmpty() ? this : add(key, value);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** {@code application/x-www-form-urlencoded}, also used for query strings. */
    String encode() {
        return entries.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
