package io.dayshift.audit;

import io.dayshift.audit.RunOutcomes.State;
import io.dayshift.runbook.InputProblems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The filters of the list of runs, as the form sends them (every one optional): runbook, site, target, person (who
 * started the run), state, the first and last day the runs started on, and the page. {@link #parse} checks each value and
 * names, for each one it refuses, the field and what it expects, in words.
 */
record RunFilter(Optional<String> runbook, Optional<String> site, Optional<String> target, Optional<String> person,
                 Optional<State> state, Optional<LocalDate> from, Optional<LocalDate> to, int page) {

    static final String RUNBOOK = "runbook";
    static final String SITE = "site";
    static final String TARGET = "target";
    static final String PERSON = "person";
    /** The value of {@value #PERSON} that means the user asking. */
    static final String ME = "me";
    static final String STATE = "state";
    static final String FROM = "from";
    static final String TO = "to";
    static final String PAGE = "page";
    static final int MAX_PAGE = 100_000;

    private static final Pattern RUNBOOK_KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern SITE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** No filter: every run, first page. */
    static final RunFilter NONE = new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), 1);

    /** The filter, or what is wrong with the values (one line per field, starting with its name). */
    record Parsed(Optional<RunFilter> filter, List<String> problems) {
    }

    static Parsed parse(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        Optional<String> runbook = text(parameters, RUNBOOK, RUNBOOK_KEY, "a runbook's key such as drain-compute-node (lower-case "
                + "letters, digits and '-', up to 100 characters)", problems);
        Optional<String> site = text(parameters, SITE, SITE_NAME, "a site name such as lab (letters, digits, '.', '_' and '-', up to "
                + "100 characters)", problems);
        Optional<String> target = text(parameters, TARGET, TARGET_NAME, "a host or machine name such as cn03 (letters, digits, '.', "
                + "'_', ':' and '-', up to 253 characters)", problems);
        Optional<String> person = text(parameters, PERSON, USER_ID, "a user id such as olga (letters, digits, '.', '_', '@' and '-', "
                + "up to 64 characters)", problems);
        Optional<State> state = value(parameters, STATE, v -> Arrays.stream(State.values()).filter(s -> s.parameter.equals(v)).findFirst()
                .orElse(null), "one of " + Arrays.stream(State.values()).map(s -> s.parameter + " (" + s.label + ")")
                .collect(Collectors.joining(", ")), problems);
        Optional<LocalDate> from = value(parameters, FROM, RunFilter::date, "a day as YYYY-MM-DD, such as 2026-12-07", problems);
        Optional<LocalDate> to = value(parameters, TO, RunFilter::date, "a day as YYYY-MM-DD, such as 2026-12-07", problems);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            problems.add(TO + ": a day on or after the first day (" + FROM + ", " + from.get() + "), not " + to.get());
        }
        Optional<Integer> page = value(parameters, PAGE, RunFilter::page, "a page number from 1 to " + MAX_PAGE, problems);
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), List.copyOf(problems));
        }
        return new Parsed(Optional.of(new RunFilter(runbook, site, target, person, state, from, to, page.orElse(1))), List.of());
    }

    /** The same filter on another page. */
    RunFilter onPage(int number) {
        return new RunFilter(runbook, site, target, person, state, from, to, number);
    }

    /**
     * The filter as asked by {@code user}: {@code person=me} ({@value #ME}), as the landing page and the webapps link to
     * "My runs" without knowing who follows the link, means the user asking.
     */
    RunFilter forWhoAsks(String user) {
        return person.filter(ME::equals).isPresent() ? new RunFilter(runbook, site, target, Optional.of(user), state, from, to, page) : this;
    }

    /** The same filter for one person's runs ("My runs"), from the first page. */
    RunFilter startedBy(String user) {
        return new RunFilter(runbook, site, target, Optional.of(user), state, from, to, 1);
    }

    /** The filter as the query string of a link ({@code page} left out on the first page). */
    String query() {
        Map<String, String> values = new LinkedHashMap<>();
        runbook.ifPresent(v -> values.put(RUNBOOK, v));
        site.ifPresent(v -> values.put(SITE, v));
        target.ifPresent(v -> values.put(TARGET, v));
        person.ifPresent(v -> values.put(PERSON, v));
        state.ifPresent(v -> values.put(STATE, v.parameter));
        from.ifPresent(v -> values.put(FROM, v.toString()));
        to.ifPresent(v -> values.put(TO, v.toString()));
        if (page > 1) {
            values.put(PAGE, Integer.toString(page));
        }
        return query(values);
    }

    static String query(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<String> text(Map<String, String> parameters, String field, Pattern pattern, String expected, List<String> problems) {
        return value(parameters, field, v -> pattern.matcher(v).matches() ? v : null, expected, problems);
    }

    private static <T> Optional<T> value(Map<String, String> parameters, String field, Function<String, T> parse, String expected,
                                         List<String> problems) {
        String raw = parameters.get(field);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        T parsed = parse.apply(raw.strip());
        if (parsed == null) {
            problems.add(field + ": " + expected + ", not " + InputProblems.printable(raw));
        }
        return Optional.ofNullable(parsed);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer page(String value) {
        if (!value.matches("[0-9]{1,6}")) {
            return null;
        }
        int number = Integer.parseInt(value);
        return number >= 1 && number <= MAX_PAGE ? number : null;
    }
}
