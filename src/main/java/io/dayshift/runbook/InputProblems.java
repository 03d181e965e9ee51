package io.dayshift.runbook;

import io.dayshift.shell.Arg;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The problems of a run's input, all of them, so the operator fixes the input once: each names the field and says what
 * is expected, in words. Every runbook's input check collects into one and refuses the run with {@link #message}.
 */
public final class InputProblems {

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    public boolean none() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** All problems, one per line, after what was refused. */
    public String message(String refused) {
        return refused + ":\n- " + String.join("\n- ", problems);
    }

    /** The site of that name, or a problem listing the sites there are. */
    public Optional<Site> site(Sites sites, String name) {
        Optional<Site> site = name == null ? Optional.empty() : sites.find(name.strip());
        if (site.isEmpty()) {
            add("site: there is no site " + printable(name) + " (sites: " + String.join(", ", sites.all().stream().map(Site::name).sorted().toList()) + ")");
        }
        return site;
    }

    /** A required one-line text of at most {@code max} characters, stripped; empty when it is not one. */
    public Optional<String> oneLine(String field, String value, int max, String whatFor) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            add(field + ": give " + whatFor);
        } else if (text.length() > max) {
            add(field + ": " + text.length() + " characters, at most " + max + " are kept");
        } else if (text.chars().anyMatch(Character::isISOControl)) {
            add(field + ": one line without control characters");
        } else {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** A required host name ({@code cn03}, {@code cn03.example.org}); false when it is not one. */
    public boolean hostName(String field, String value) {
        String name = value == null ? "" : value;
        if (name.isBlank()) {
            add(field + ": give " + Arg.HOSTNAME.description());
        } else if (!Arg.HOSTNAME.accepts(name)) {
            add(field + ": " + printable(name) + " is not a host name: expected " + Arg.HOSTNAME.description()
                    + " (letters, digits and dashes, in parts separated by dots)");
        } else {
            return true;
        }
        return false;
    }

    /** A required value: a problem saying what to give when it is missing or blank. */
    public boolean required(String field, Object value, String whatFor) {
        if (value == null || value.toString().isBlank()) {
            add(field + ": give " + whatFor);
            return false;
        }
        return true;
    }

    /** A value as a message may quote it: cut at 80 characters, control and non-ASCII characters shown as '?'. */
    public static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
