package io.dayshift.audit;

import io.dayshift.audit.AuditRuns.Detail;
import io.dayshift.audit.AuditRuns.Page;
import io.dayshift.audit.AuditRuns.Run;
import io.dayshift.audit.RunOutcomes.State;
import io.dayshift.evidence.Entry;
import io.dayshift.evidence.Verification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The auditor view's pages, rendered on the server with {@link Html} (everything escaped): the list of runs with its filter
 * form, a run (header, verification, links to its evidence pack and to Cockpit, approvals and decisions, the journal as a
 * timeline), and the pages for filters that cannot be used and for a run one may not read. Plain HTML for the keyboard
 * and for screen readers: a skip link, labels on every field, tables with header cells, visible focus (the style sheet),
 * nothing that needs JavaScript. Nothing on them changes anything: the one form is a search (GET).
 */
final class AuditPages {

    static final String LIST = "/audit";
    static final String RUN = "/audit/runs/";
    static final String STYLE = "/audit/audit.css";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final String COCKPIT = "/camunda/app/cockpit/default/";
    static final String COCKPIT_RUN = "/camunda/app/cockpit/default/#/process-instance/";
    static final String EXPORT = "/api/evidence/export";
    /** A detail longer than this, or of several lines, is shown folded. */
    static final int SHORT_DETAIL = 160;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private AuditPages() {
    }

    /** The pack of a run, as HTML or JSON ({@code html}, {@code json}). */
    static String pack(String run, String format) {
        return "/api/runs/" + run + "/evidence." + format;
    }

    static String list(String user, RunFilter filter, List<String> runbooks, Page page) {
        return layout("Runs", user, html -> {
            html.element("h1", "Runs");
            filterForm(html, filter, runbooks, user);
            html.open("p").open("a", "href", export(filter)).text("Export the evidence of the runs of these dates, site and runbook (JSON)")
                    .close("a").close("p");
            html.open("table", "class", "runs").element("caption", "Runs you may read, newest first"
                    + (filter.page() > 1 ? ", page " + filter.page() : "") + (filter.equals(RunFilter.NONE) ? "" : ", filtered"));
            html.open("thead").open("tr");
            for (String column : List.of("Run", "Runbook", "Site", "Target", "Started by", "Started", "Ended", "Outcome")) {
                html.element("th", column, "scope", "col");
            }
            html.close("tr").close("thead").open("tbody");
            if (page.runs().isEmpty()) {
                html.open("tr").element("td", "No runs match these filters.", "colspan", "8").close("tr");
            }
            for (Run run : page.runs()) {
                html.open("tr");
                html.open("th", "scope", "row").open("a", "href", RUN + run.id(), "aria-label", "Run " + run.id()).element("code", shortId(run.id()))
                        .close("a").close("th");
                html.open("td").text(run.runbookName()).open("br").element("code", run.runbook()).close("td");
                html.element("td", run.site().orElse(""));
                html.element("td", run.target().orElse(""));
                html.element("td", run.startedBy().orElse("(timer or alert)"));
                time(html.open("td"), run.started()).close("td");
                html.open("td");
                run.ended().ifPresent(ended -> time(html, ended));
                html.close("td");
                outcome(html.open("td"), run).close("td");
                html.close("tr").newline();
            }
            html.close("tbody").close("table");
            if (filter.page() > 1 || page.more()) {
                html.open("nav", "aria-label", "Pages").open("ul", "class", "pages");
                if (filter.page() > 1) {
                    html.open("li").element("a", "Newer runs", "href", LIST + "?" + filter.onPage(filter.page() - 1).query(), "rel", "prev").close("li");
                }
                if (page.more()) {
                    html.open("li").element("a", "Older runs", "href", LIST + "?" + filter.onPage(filter.page() + 1).query(), "rel", "next").close("li");
                }
                html.close("ul").close("nav");
            }
        });
    }

    static String run(String user, Detail detail, java.util.function.BiFunction<String, String, String> elementName) {
        Run run = detail.run();
        return layout("Run " + shortId(run.id()) + " of " + run.runbookName(), user, html -> {
            html.element("h1", "Run of " + run.runbookName());
            html.open("dl", "class", "run");
            term(html, "Run", run.id());
            term(html, "Runbook", run.runbook() + ", version " + run.version());
            term(html, "Site", run.site().orElse("(none)"));
            term(html, "Target", run.target().orElse("(none)"));
            term(html, "Started by", run.startedBy().orElse("(a timer or an alert: no person)"));
            html.element("dt", "Started").open("dd");
            time(html, run.started()).close("dd");
            html.element("dt", "Ended").open("dd");
            run.ended().ifPresentOrElse(ended -> time(html, ended), () -> html.text("not yet"));
            html.close("dd");
            html.element("dt", "Outcome").open("dd");
            outcome(html, run).close("dd");
            detail.caller().ifPresent(caller -> {
                html.element("dt", "Called by").open("dd").open("a", "href", RUN + caller.id()).text("run " + shortId(caller.id()) + " of "
                        + caller.runbookName()).close("a").close("dd");
            });
            html.close("dl");

            html.open("section", "aria-labelledby", "verification").element("h2", "Verification", "id", "verification");
            Verification check = detail.verification();
            if (check.intact()) {
                html.element("p", "Intact: the journal's " + entries(check.checked()) + " match their hashes"
                        + (run.ended().isPresent() ? ", and so does its link in the site's chain." : "."), "class", "intact");
            } else {
                Verification.Mismatch mismatch = check.mismatch().get();
                html.open("p", "class", "not-intact").element("strong", "Not intact: ").text("entry " + mismatch.seq()
                        + (mismatch.step().isEmpty() ? "" : " (" + mismatch.step() + ")") + " of the " + mismatch.chain() + " chain "
                        + mismatch.id() + ": " + mismatch.what()).close("p");
            }
            html.close("section");

            html.open("section", "aria-labelledby", "links").element("h2", "Evidence and links", "id", "links").open("ul");
            html.open("li").element("a", "Evidence pack (HTML, to read and print)", "href", pack(run.id(), "html")).close("li");
            html.open("li").element("a", "Evidence pack (JSON, to keep and check)", "href", pack(run.id(), "json")).close("li");
            html.open("li").element("a", "This run in Cockpit", "href", COCKPIT_RUN + run.id());
            if (run.state() != State.RUNNING) {
                html.text(" — Cockpit shows running runs only: this run has ended, so Cockpit will not find it; its history is on this "
                        + "page and in the pack.");
            }
            html.close("li").close("ul").close("section");

            List<Entry> decisions = detail.decisions();
            html.open("section", "aria-labelledby", "decisions").element("h2", "Approvals and decisions", "id", "decisions");
            if (decisions.isEmpty()) {
                html.element("p", "No approvals or decisions were recorded in this run.");
            } else {
                html.open("table").element("caption", decisions.size() + " decision(s) by people, in order").open("thead").open("tr");
                for (String column : List.of("Time", "Step", "Kind", "Decision", "By", "About", "Reason")) {
                    html.element("th", column, "scope", "col");
                }
                html.close("tr").close("thead").open("tbody");
                for (Entry entry : decisions) {
                    html.open("tr");
                    time(html.open("td"), entry.at()).close("td");
                    step(html, run, entry, elementName);
                    html.element("td", entry.kind()).element("th", entry.action(), "scope", "row").element("td", entry.outcome())
                            .element("td", entry.target());
                    detailCell(html, entry.detail());
                    html.close("tr").newline();
                }
                html.close("tbody").close("table");
            }
            html.close("section");

            if (!detail.called().isEmpty()) {
                html.open("section", "aria-labelledby", "called").element("h2", "Runs it called", "id", "called").open("table")
                        .element("caption", "Called runs (a runbook's parts journal into this run; a runbook it calls has its own journal)")
                        .open("thead").open("tr");
                for (String column : List.of("Run", "Runbook", "Started", "Outcome")) {
                    html.element("th", column, "scope", "col");
                }
                html.close("tr").close("thead").open("tbody");
                for (Run called : detail.called()) {
                    html.open("tr").open("th", "scope", "row").open("a", "href", RUN + called.id(), "aria-label", "Run " + called.id())
                            .element("code", shortId(called.id())).close("a").close("th").element("td", called.runbook());
                    time(html.open("td"), called.started()).close("td");
                    // a part's end is a step of this run, not a run's outcome: its name, without a run's state
                    html.open("td").element("strong", called.outcome()).close("td").close("tr").newline();
                }
                html.close("tbody").close("table").close("section");
            }

            html.open("section", "aria-labelledby", "journal").element("h2", "Journal", "id", "journal");
            if (detail.journal().isEmpty()) {
                html.element("p", "This run has no journal entries.");
            } else {
                html.open("table", "class", "journal").element("caption", entries(detail.journal().size()) + ", in the order they were written")
                        .open("thead").open("tr");
                for (String column : List.of("#", "Time", "Step", "Kind", "Origin", "Target", "Action", "Outcome", "Detail")) {
                    html.element("th", column, "scope", "col");
                }
                html.close("tr").close("thead").open("tbody");
                for (Entry entry : detail.journal()) {
                    html.open("tr", "id", "entry-" + entry.seq()).element("th", entry.seq(), "scope", "row");
                    time(html.open("td"), entry.at()).close("td");
                    step(html, run, entry, elementName);
                    html.element("td", entry.kind()).element("td", entry.origin()).element("td", entry.target());
                    html.open("td").element("code", entry.action()).close("td").element("td", entry.outcome());
                    detailCell(html, entry.detail());
                    html.close("tr").newline();
                }
                html.close("tbody").close("table");
            }
            html.close("section");
        });
    }

    static String problems(String user, List<String> problems) {
        return layout("Filters that cannot be used", user, html -> {
            html.element("h1", "These filters cannot be used");
            html.open("ul", "class", "problems");
            problems.forEach(problem -> html.element("li", problem));
            html.close("ul");
            html.open("p").element("a", "Show all runs", "href", LIST).close("p");
        });
    }

    static String notFound(String user, String run) {
        return layout("No such run", user, html -> {
            html.element("h1", "No such run");
            html.element("p", "There is no run " + run + " that " + user + " may read.");
            html.open("p").element("a", "Show all runs", "href", LIST).close("p");
        });
    }

    private static void filterForm(Html html, RunFilter filter, List<String> runbooks, String user) {
        html.open("form", "method", "get", "action", LIST, "role", "search", "aria-label", "Filter runs", "class", "filters");
        html.open("div").element("label", "Runbook", "for", "f-runbook").open("select", "id", "f-runbook", "name", RunFilter.RUNBOOK)
                .element("option", "any runbook", "value", "");
        for (String runbook : runbooks) {
            html.element("option", runbook, "value", runbook, "selected", filter.runbook().filter(runbook::equals).map(s -> "selected").orElse(null));
        }
        html.close("select").close("div");
        field(html, "Site", RunFilter.SITE, "text", filter.site(), "lab");
        field(html, "Target host or machine", RunFilter.TARGET, "text", filter.target(), "cn03");
        field(html, "Started by (user id)", RunFilter.PERSON, "text", filter.person(), user);
        html.open("div").element("label", "State", "for", "f-state").open("select", "id", "f-state", "name", RunFilter.STATE)
                .element("option", "any state", "value", "");
        for (State state : State.values()) {
            html.element("option", state.label, "value", state.parameter, "selected", filter.state().filter(state::equals).map(s -> "selected").orElse(null));
        }
        html.close("select").close("div");
        field(html, "Started on or after", RunFilter.FROM, "date", filter.from().map(Object::toString), "2026-12-01");
        field(html, "Started on or before", RunFilter.TO, "date", filter.to().map(Object::toString), "2026-12-31");
        html.open("div", "class", "actions").element("button", "Filter", "type", "submit")
                .element("a", "My runs", "href", LIST + "?" + filter.startedBy(user).query())
                .element("a", "Clear filters", "href", LIST).close("div");
        html.close("form");
    }

    private static void field(Html html, String label, String name, String type, Optional<String> value, String example) {
        html.open("div").element("label", label, "for", "f-" + name)
                .open("input", "id", "f-" + name, "name", name, "type", type, "value", value.orElse(""), "placeholder", "e.g. " + example)
                .close("div");
    }

    private static String export(RunFilter filter) {
        Map<String, String> values = new LinkedHashMap<>();
        filter.from().ifPresent(v -> values.put(RunFilter.FROM, v.toString()));
        filter.to().ifPresent(v -> values.put(RunFilter.TO, v.toString()));
        filter.site().ifPresent(v -> values.put(RunFilter.SITE, v));
        filter.runbook().ifPresent(v -> values.put(RunFilter.RUNBOOK, v));
        return values.isEmpty() ? EXPORT : EXPORT + "?" + RunFilter.query(values);
    }

    private static Html outcome(Html html, Run run) {
        html.element("span", run.state().label, "class", "state state-" + run.state().parameter);
        if (run.incident() && run.state() == State.RUNNING) {
            html.text(" ").element("span", "open incident", "class", "state state-incident");
        }
        if (run.state() != State.RUNNING) {
            html.text(": ").element("strong", run.outcome());
        }
        run.summary().ifPresent(summary -> html.open("br").element("span", summary, "class", "summary"));
        return html;
    }

    private static void step(Html html, Run run, Entry entry, java.util.function.BiFunction<String, String, String> elementName) {
        String id = entry.step() == null ? "" : entry.step();
        String name = id.isEmpty() ? "" : elementName.apply(run.definitionId(), id);
        html.open("td");
        if (!name.equals(id)) {
            html.text(name).open("br");
        }
        html.element("code", id).close("td");
    }

    private static void detailCell(Html html, String detail) {
        String text = detail == null ? "" : detail;
        html.open("td");
        if (text.length() > SHORT_DETAIL || text.contains("\n")) {
            String first = text.lines().findFirst().orElse("");
            html.open("details").element("summary", (first.length() > 80 ? first.substring(0, 80) : first) + " … (" + text.length()
                    + " characters)").element("pre", text).close("details");
        } else {
            html.text(text);
        }
        html.close("td");
    }

    private static String entries(long count) {
        return count == 1 ? "1 entry" : count + " entries";
    }

    private static void term(Html html, String term, String value) {
        html.element("dt", term).element("dd", value);
    }

    private static Html time(Html html, Instant at) {
        return html.element("time", TIME.format(at), "datetime", at.toString());
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String layout(String title, String user, Consumer<Html> main) {
        Html html = new Html().doctype();
        html.open("html", "lang", "en").open("head").open("meta", "charset", "utf-8")
                .open("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .element("title", title + " — Dayshift audit").open("link", "rel", "stylesheet", "href", STYLE).close("head").newline();
        html.open("body").element("a", "Skip to content", "href", "#main", "class", "skip");
        html.open("header").open("p", "class", "brand").element("a", "Dayshift", "href", LIST).text(" · runs and their evidence, read-only")
                .close("p");
        html.open("nav", "aria-label", "Dayshift").open("ul");
        html.open("li").element("a", "All runs", "href", LIST).close("li");
        html.open("li").element("a", "My runs", "href", LIST + "?" + RunFilter.NONE.startedBy(user).query()).close("li");
        html.open("li").element("a", "Tasklist", "href", TASKLIST).close("li");
        html.open("li").element("a", "Cockpit", "href", COCKPIT).close("li");
        html.close("ul").close("nav").element("p", "Signed in as " + user, "class", "user").close("header").newline();
        html.open("main", "id", "main", "tabindex", "-1");
        main.accept(html);
        html.close("main").newline().close("body").close("html").newline();
        return html.toString();
    }
}
