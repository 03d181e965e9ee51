package io.dayshift.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.audit.RunOutcomes.State;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filters of the list of runs: each bad value is named with its field and what it expects, in words. */
class RunFilterTest {

    @Test
    void goodValuesMakeAFilterThatGoesBackIntoALink() {
        RunFilter.Parsed parsed = RunFilter.parse(Map.of("runbook", "drain-compute-node", "site", "lab", "target", "cn03", "person", "olga",
                "state", "succeeded", "from", "2026-12-01", "to", "2026-12-07", "page", "2"));
        assertThat(parsed.problems()).isEmpty();
        RunFilter filter = parsed.filter().orElseThrow();
        assertThat(filter.state()).contains(State.SUCCEEDED);
        assertThat(filter.from()).contains(LocalDate.of(2026, 12, 1));
        assertThat(filter.query()).isEqualTo("runbook=drain-compute-node&site=lab&target=cn03&person=olga&state=succeeded&from=2026-12-01"
                + "&to=2026-12-07&page=2");
        assertThat(RunFilter.parse(Map.of("site", "", "state", " ")).filter()).contains(RunFilter.NONE);
    }

    @Test
    void eachBadValueIsNamedWithWhatItsFieldExpects() {
        RunFilter.Parsed parsed = RunFilter.parse(Map.of("runbook", "Drain Compute", "site", "lab; rm -rf /", "target", "<b>", "person",
                "olga smith", "state", "broken", "from", "07.12.2026", "page", "0"));
        assertThat(parsed.filter()).isEmpty();
        assertThat(parsed.problems()).containsExactly(
                "runbook: a runbook's key such as drain-compute-node (lower-case letters, digits and '-', up to 100 characters), not 'Drain Compute'",
                "site: a site name such as lab (letters, digits, '.', '_' and '-', up to 100 characters), not 'lab; rm -rf /'",
                "target: a host or machine name such as cn03 (letters, digits, '.', '_', ':' and '-', up to 253 characters), not '<b>'",
                "person: a user id such as olga (letters, digits, '.', '_', '@' and '-', up to 64 characters), not 'olga smith'",
                "state: one of running (running), succeeded (succeeded), failed (refused or failed), other (ended otherwise), incident "
                        + "(with an open incident), not 'broken'",
                "from: a day as YYYY-MM-DD, such as 2026-12-07, not '07.12.2026'",
                "page: a page number from 1 to 100000, not '0'");
    }

    @Test
    void theLastDayMayNotComeBeforeTheFirst() {
        assertThat(RunFilter.parse(Map.of("from", "2026-12-07", "to", "2026-12-01")).problems())
                .containsExactly("to: a day on or after the first day (from, 2026-12-07), not 2026-12-01");
    }
}
