package io.dayshift.evidence.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dayshift.evidence.pack.EvidencePack.Call;
import io.dayshift.evidence.pack.EvidencePack.Decision;
import io.dayshift.evidence.pack.EvidencePack.Element;
import io.dayshift.evidence.pack.EvidencePack.Limits;
import io.dayshift.evidence.pack.EvidencePack.Plan;
import io.dayshift.evidence.pack.EvidencePack.Result;
import io.dayshift.evidence.pack.EvidencePack.Runbook;
import io.dayshift.evidence.pack.EvidencePack.Start;
import io.dayshift.evidence.pack.EvidencePack.Value;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What people open: the pack's page renders every text as text (a summary holding {@code <script>} shows as those
 * characters, no markup gets through), loads nothing from anywhere, and prints; {@code runs.csv} quotes what needs quoting
 * and never hands a spreadsheet a formula; the export's parameters are bounded.
 */
class PackRenderingTest {

    private static final String HOSTILE = "<script>alert('x')</script><img src=\"https://evil.example/x.png\" onerror=alert(1)>";

    @Test
    void thePageShowsMarkupInARunsTextAsTextAndLoadsNothingFromElsewhere() {
        // given a pack whose summary, inputs, plan, decision and call hold markup
        EvidencePack pack = pack(HOSTILE, "=HYPERLINK(\"https://evil.example\")");

        // when it is rendered
        String html = PackHtml.render(pack);

        // then the markup shows as text, escaped, everywhere
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot; onerror=alert(1)&gt;");
        assertThat(count(html, "&lt;script&gt;")).as("summary, input, plan variable, decision, call").isGreaterThanOrEqualTo(5);
        // and nothing is loaded: no src, no href, no url(), no @import; its policy forbids everything but its inline style
        assertThat(html).doesNotContainPattern("(?i)<[^>]*\\s(src|href|action|srcset|formaction)\\s*=").doesNotContainPattern("(?i)<(script|link|iframe|object|embed|img)")
                .doesNotContainPattern("(?i)url\\(").doesNotContain("@import");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        // and it prints: a print style, its sections
        assertThat(html).startsWith("<!DOCTYPE html>").contains("@media print").contains("<h2>Calls</h2>").contains("<h2>Chain verification</h2>")
                .contains("Intact: 3 entries checked");
    }

    @Test
    void runsCsvQuotesCommasQuotesAndLineBreaksAndNeutralisesFormulas() {
        assertThat(RunsCsv.cell("plain")).isEqualTo("plain");
        assertThat(RunsCsv.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(RunsCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RunsCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RunsCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(RunsCsv.cell("+cmd")).isEqualTo("'+cmd");
        assertThat(RunsCsv.cell("-2")).isEqualTo("'-2");
        assertThat(RunsCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RunsCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(RunsCsv.cell("=HYPERLINK(\"https://evil.example\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"");
        assertThat(RunsCsv.cell(null)).isEmpty();

        // a whole line: the columns in order, the summary neutralised and quoted, CRLF at its end
        String line = RunsCsv.line(pack("x", "=HYPERLINK(\"https://evil.example\"), then\nmore"));
        assertThat(line).isEqualTo("run-1,drain-compute-node,3,lab,olga,person,2026-11-21T10:00:00Z,2026-11-21T10:30:00Z,EndEvent_HostDrained,"
                + "\"'=HYPERLINK(\"\"https://evil.example\"\"), then\nmore\",3,true\r\n");
        assertThat(RunsCsv.header()).isEqualTo("run,runbook,version,site,started by,how,started,ended,end event,result summary,entries,intact\r\n");
    }

    @Test
    void theExportsParametersAreBoundedAndEachMistakeNamesItsParameter() {
        LocalDate today = LocalDate.parse("2026-11-21");
        // nothing given: the last 31 days
        ExportFilter defaults = ExportFilter.of(Map.of(), today, s -> true, r -> true);
        assertThat(defaults.from()).isEqualTo("2026-10-22");
        assertThat(defaults.to()).isEqualTo(today);
        assertThat(defaults.startsAt().toInstant()).hasToString("2026-10-22T00:00:00Z");
        assertThat(defaults.endsAt().toInstant()).hasToString("2026-11-21T23:59:59.999Z");
        // a whole leap year is fine, a day more is not
        assertThat(ExportFilter.of(Map.of("from", new String[] {"2024-01-01"}, "to", new String[] {"2024-12-31"}), today, s -> true, r -> true).to())
                .isEqualTo("2024-12-31");
        refused(Map.of("from", new String[] {"2024-01-01"}, "to", new String[] {"2025-01-01"}), "to", "to: expected at most 366 days");
        refused(Map.of("from", new String[] {"2026-13-01"}), "from", "from: expected a day as YYYY-MM-DD");
        refused(Map.of("to", new String[] {"yesterday"}), "to", "to: expected a day as YYYY-MM-DD, such as 2026-01-31, got 'yesterday'");
        refused(Map.of("from", new String[] {"2026-11-21"}, "to", new String[] {"2026-11-20"}), "from", "from: expected a day on or before to");
        refused(Map.of("site", new String[] {"atlantis"}), "site", "site: expected the name of a configured site, got 'atlantis'");
        refused(Map.of("runbook", new String[] {"x'; DROP TABLE"}), "runbook", "runbook: expected the key of a deployed runbook");
        refused(Map.of("format", new String[] {"xlsx"}), "format", "unknown parameter 'format'");
        refused(Map.of("site", new String[] {"lab", "lab-charmed"}), "site", "site: expected once, given 2 times");
    }

    private static void refused(Map<String, String[]> parameters, String parameter, String message) {
        assertThatThrownBy(() -> ExportFilter.of(parameters, LocalDate.parse("2026-11-21"), s -> s.equals("lab"), r -> r.equals("drain-compute-node")))
                .isInstanceOfSatisfying(ExportFilter.Refused.class, refused -> assertThat(refused.parameter()).isEqualTo(parameter))
                .hasMessageStartingWith(message);
    }

    private static EvidencePack pack(String text, String summary) {
        return new EvidencePack(EvidencePack.SCHEMA, "run-1", new Runbook("drain-compute-node", "Drain compute node", 3, null, "drain-compute-node:3:x"),
                "lab", "COMPLETED", new Start("2026-11-21T10:00:00Z", "olga", Start.PERSON, new Element("StartEvent_DrainRequested", text), null, null),
                "2026-11-21T10:30:00Z", List.of(new Value("reason", text)),
                List.of(new Plan("Task_ApprovePlan", "Approve plan", List.of(new Value("instances", text)), "3f9a-12bc-77e0", List.of("alice"))),
                List.of(new Decision(1, "2026-11-21T10:05:00Z", "APPROVAL", "Task_ApprovePlan", "lab", "approved", "by alice, plan 3f9a-12bc-77e0", text)),
                List.of(new Call(2, "2026-11-21T10:06:00Z", "openstack", "Task_DisableComputeService", "cn01", "PUT /os-services/disable", "HTTP 200",
                        text, true)),
                List.of(), List.of(), List.of(), new Limits(List.of(), List.of()), List.of(),
                new Result(new Element("EndEvent_HostDrained", "Host drained"), summary),
                new EvidencePack.Verification(true, 3, null, 3, "a".repeat(64)));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
