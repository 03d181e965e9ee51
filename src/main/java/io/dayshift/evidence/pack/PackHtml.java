package io.dayshift.evidence.pack;

import io.dayshift.evidence.pack.EvidencePack.Element;
import io.dayshift.evidence.pack.EvidencePack.Value;
import java.util.List;
import java.util.function.Function;

/**
 * An evidence pack as one self-contained HTML page for people and for paper: inline CSS (with {@code @media print}: no
 * colours needed, tables that break between rows, headings kept with what follows), no script, no image, no link to any
 * other place, every text escaped. Sections in the order an auditor asks: what ran and where, who started it and how, the
 * inputs, the plan approved, the decisions, the calls, failures and incidents, health, timings against the limits, the
 * result, the chain.
 */
public final class PackHtml {

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#111;line-height:1.35}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}
            table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.9em}
            th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;vertical-align:top}
            th{background:#eee}td.text{white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,monospace;font-size:.95em}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
            .intact{color:#064}.broken{color:#a00;font-weight:bold}.none{color:#666;font-style:italic}
            @media print{body{margin:0;font-size:10pt}th{background:none}h2{break-after:avoid}tr{break-inside:avoid}
            table{page-break-inside:auto}thead{display:table-header-group}.intact,.broken{color:#000}}
            """;

    private PackHtml() {
    }

    /** The page. */
    public static String render(EvidencePack pack) {
        StringBuilder html = new StringBuilder(16_384 + 600 * (pack.calls().size() + pack.steps().size()));
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Evidence pack: ").append(esc(pack.runbook().key())).append(' ').append(esc(pack.run())).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        html.append("<h1>Evidence pack: ").append(esc(pack.runbook().key())).append(" on ").append(esc(pack.site())).append("</h1>\n");
        html.append("<dl>");
        item(html, "Run", pack.run());
        item(html, "Runbook", pack.runbook().key() + (pack.runbook().name() == null ? "" : " (" + pack.runbook().name() + ")"));
        item(html, "Deployed version", pack.runbook().version() + (pack.runbook().versionTag() == null ? "" : ", tag " + pack.runbook().versionTag()));
        item(html, "Site", pack.site());
        item(html, "State", pack.state());
        item(html, "Started", pack.start().at());
        item(html, "Started by", pack.start().by() == null ? "(nobody: the engine)" : pack.start().by());
        item(html, "How", how(pack.start()));
        item(html, "Start event", element(pack.start().startEvent()));
        item(html, "Ended", pack.endedAt() == null ? "(still running)" : pack.endedAt());
        item(html, "End event", element(pack.result().endEvent()));
        item(html, "Result", pack.result().summary());
        html.append("</dl>\n");

        html.append("<h2>Chain verification</h2>\n<p class=\"").append(pack.verification().intact() ? "intact" : "broken").append("\">")
                .append(pack.verification().intact() ? "Intact" : "NOT intact").append(": ").append(pack.verification().checked())
                .append(" entries checked, last hash ").append(esc(pack.verification().lastHash())).append("</p>\n");
        if (pack.verification().mismatch() != null) {
            EvidencePack.Mismatch m = pack.verification().mismatch();
            html.append("<p class=\"broken\">First mismatch: ").append(esc(m.chain())).append(" chain, entry ").append(m.seq())
                    .append(m.step() == null || m.step().isEmpty() ? "" : " (" + esc(m.step()) + ")").append(": ").append(esc(m.what())).append("</p>\n");
        }

        section(html, "Inputs", List.of("Variable", "Value"), pack.inputs(), v -> cells(v.name(), v.value()));
        html.append("<h2>Plans approved</h2>\n");
        if (pack.plans().isEmpty()) {
            html.append("<p class=\"none\">No approval step with a plan.</p>\n");
        }
        for (EvidencePack.Plan plan : pack.plans()) {
            html.append("<p><b>").append(esc(plan.name() == null ? plan.step() : plan.name())).append("</b> (").append(esc(plan.step())).append("): ")
                    .append(plan.approved() == null ? "not approved" : "approved plan " + esc(plan.approved().isEmpty() ? "(no fingerprint)" : plan.approved())
                            + " by " + esc(String.join(", ", plan.approvedBy())))
                    .append("</p>\n");
            table(html, List.of("Plan variable", "Value"), plan.variables(), v -> cells(v.name(), v.value()));
        }
        section(html, "Approvals and decisions", List.of("#", "At", "Kind", "Step", "Target", "Decision", "By", "Reason"), pack.decisions(),
                d -> cells(Long.toString(d.seq()), d.at(), d.kind(), d.step(), d.target(), d.decision(), d.by(), d.reason()));
        section(html, "Calls", List.of("#", "At", "Tool", "Step", "Target", "Action", "Outcome", "Detail"), pack.calls(),
                c -> cells(Long.toString(c.seq()), c.at(), c.origin(), c.step(), c.target(), c.action(),
                        c.committed() ? c.outcome() : c.outcome() + " (its step did not commit)", c.detail()));
        section(html, "Failures and retries", List.of("#", "At", "Kind", "Step", "What", "Outcome", "Detail"), pack.failures(),
                f -> cells(Long.toString(f.seq()), f.at(), f.kind(), f.step(), f.action(), f.outcome(), f.detail()));
        section(html, "Incidents", List.of("Step", "Type", "Message", "Created", "Ended", "State"), pack.incidents(),
                i -> cells(i.step(), i.type(), i.message(), i.createdAt(), i.endedAt(), i.state()));
        section(html, "Health", List.of("Phase", "Variable", "Value"), pack.health(), h -> cells(h.phase(), h.name(), h.value()));
        section(html, "Limits: timers", List.of("Timer", "Name", "Defined as", "Due", "Fired"), pack.limits().timers(),
                t -> cells(t.id(), t.name(), t.expression(), t.dueAt(), t.firedAt()));
        section(html, "Limits: values", List.of("Variable", "Value"), pack.limits().values(), (Value v) -> cells(v.name(), v.value()));
        section(html, "Steps and timings", List.of("Step", "Name", "Type", "Started", "Ended", "Took (ms)"), pack.steps(),
                s -> cells(s.id(), s.name(), s.type(), s.startedAt(), s.endedAt(), s.millis() == null ? null : Long.toString(s.millis())));
        html.append("<p class=\"none\">Schema ").append(esc(pack.schema())).append(". The JSON form of this pack holds the same content.</p>\n");
        html.append("</body></html>\n");
        return html.toString();
    }

    /** A row's cells, any of them possibly missing (shown empty). */
    private static List<String> cells(String... values) {
        return java.util.Arrays.asList(values);
    }

    private static String how(EvidencePack.Start start) {
        return switch (start.how()) {
            case EvidencePack.Start.PERSON -> "by a person (Tasklist or REST)";
            case EvidencePack.Start.TIMER -> "by its timer";
            case EvidencePack.Start.ALERT -> start.alert() == null ? "by an alert"
                    : "by alert " + start.alert().alertname() + " (fingerprint " + start.alert().fingerprint() + ", severity "
                    + start.alert().severity() + ", since " + start.alert().startsAt() + ")";
            default -> start.calledBy() == null ? "by the engine" : "by run " + start.calledBy();
        };
    }

    private static String element(Element element) {
        return element == null ? null : element.id() + (element.name() == null ? "" : " (" + element.name() + ")");
    }

    private static void item(StringBuilder html, String term, String value) {
        html.append("<dt>").append(esc(term)).append("</dt><dd>").append(value == null ? "<span class=\"none\">none</span>" : esc(value)).append("</dd>");
    }

    private static <T> void section(StringBuilder html, String title, List<String> headings, List<T> rows, Function<T, List<String>> cells) {
        html.append("<h2>").append(esc(title)).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p class=\"none\">None.</p>\n");
            return;
        }
        table(html, headings, rows, cells);
    }

    private static <T> void table(StringBuilder html, List<String> headings, List<T> rows, Function<T, List<String>> cells) {
        html.append("<table><thead><tr>");
        headings.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (T row : rows) {
            html.append("<tr>");
            for (String cell : cells.apply(row)) {
                html.append("<td class=\"text\">").append(cell == null ? "" : esc(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    /** The text with every character that means something in HTML (also in an attribute) as its entity. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
