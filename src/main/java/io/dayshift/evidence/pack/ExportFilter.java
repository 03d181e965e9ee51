package io.dayshift.evidence.pack;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What an evidence export covers: runs started from {@code from} to {@code to} (whole UTC days, both included), of one
 * site and one runbook when given. Every parameter is optional, but the range is bounded: without dates, the last
 * {@value #DEFAULT_DAYS} days; never more than {@value #MAX_DAYS} days.
 */
public record ExportFilter(LocalDate from, LocalDate to, Optional<String> site, Optional<String> runbook) {

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SITE = "site";
    public static final String RUNBOOK = "runbook";
    static final Set<String> PARAMETERS = Set.of(FROM, TO, SITE, RUNBOOK);
    public static final int MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 31;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A parameter the export refuses, and what it expects, in words. */
    public static final class Refused extends RuntimeException {
        private final String parameter;

        Refused(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * The filter of a request's parameters ({@code name → its values}), checked: every parameter known and given once, dates
     * as YYYY-MM-DD in order and at most {@value #MAX_DAYS} days apart, the site one that is configured, the runbook one that
     * is deployed.
     *
     * @throws Refused naming the first parameter that is wrong and what it expects
     */
    public static ExportFilter of(Map<String, String[]> parameters, LocalDate today, Predicate<String> knownSite, Predicate<String> knownRunbook) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw new Refused(parameter.getKey(), "unknown parameter '" + parameter.getKey() + "': the export takes only "
                        + String.join(", ", List.of(FROM, TO, SITE, RUNBOOK)));
            }
            if (parameter.getValue().length != 1) {
                throw new Refused(parameter.getKey(), parameter.getKey() + ": expected once, given " + parameter.getValue().length + " times");
            }
        }
        Optional<LocalDate> from = date(parameters, FROM);
        Optional<LocalDate> to = date(parameters, TO);
        LocalDate end = to.orElseGet(() -> from.map(f -> f.plusDays(DEFAULT_DAYS - 1)).filter(d -> d.isBefore(today)).orElse(today));
        LocalDate start = from.orElse(end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            throw new Refused(FROM, "from: expected a day on or before to (" + end + "), got " + start);
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new Refused(TO, "to: expected at most " + MAX_DAYS + " days from from (" + start + "), got "
                    + (ChronoUnit.DAYS.between(start, end) + 1) + " days; export a long period in parts");
        }
        Optional<String> site = name(parameters, SITE, knownSite, "the name of a configured site");
        Optional<String> runbook = name(parameters, RUNBOOK, knownRunbook, "the key of a deployed runbook, such as drain-compute-node");
        return new ExportFilter(start, end, site, runbook);
    }

    /** The first instant of {@code from}, in UTC. */
    public java.util.Date startsAt() {
        return java.util.Date.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The last millisecond of {@code to}, in UTC. */
    public java.util.Date endsAt() {
        return java.util.Date.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
    }

    private static Optional<LocalDate> date(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values[0].isBlank()) {
            return Optional.empty();
        }
        try {
            if (!values[0].matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", values[0], 0);
            }
            return Optional.of(LocalDate.parse(values[0]));
        } catch (DateTimeParseException e) {
            throw new Refused(name, name + ": expected a day as YYYY-MM-DD, such as 2026-01-31, got '" + shorten(values[0]) + "'");
        }
    }

    private static Optional<String> name(Map<String, String[]> parameters, String name, Predicate<String> known, String expected) {
        String[] values = parameters.get(name);
        if (values == null || values[0].isBlank()) {
            return Optional.empty();
        }
        if (!NAME.matcher(values[0]).matches() || !known.test(values[0])) {
            throw new Refused(name, name + ": expected " + expected + ", got '" + shorten(values[0]) + "'");
        }
        return Optional.of(values[0]);
    }

    /** A value as an error message may quote it: short, one line. */
    private static String shorten(String value) {
        String line = value.replaceAll("[\\p{Cntrl}]", "?");
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }
}
