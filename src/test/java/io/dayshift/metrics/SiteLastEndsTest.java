package io.dayshift.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dayshift.runbook.backup.BackupSite;
import io.dayshift.runbook.healthcheck.SiteHealthCheck;
import io.dayshift.site.Flavour;
import io.dayshift.site.Site;
import io.dayshift.site.Sites;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The rows the site gauges read: each site's last verdict and last complete backup, kept as runs end, filled once from the history. */
class SiteLastEndsTest {

    private static final String CHECK = SiteHealthCheck.PROCESS_KEY;
    private static final String GREEN = SiteHealthCheck.Elements.SITE_GREEN_END;
    private static final String RED = SiteHealthCheck.Elements.SITE_RED_END;
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    private final Sites sites = new Sites(Map.of("east", site("east"), "west", site("west")));

    @Test
    void theLastVerdictOfEachSiteIsTheOneOfItsLastEndedCheck() {
        // given the rows of two sites, no run ended yet
        SiteLastEnds ends = new SiteLastEnds(jdbc, sites);
        assertThat(ends.last("east", CHECK)).isEmpty();

        // when east is checked GREEN, then RED, and a RED end that happened earlier is told late
        ends.ended("east", CHECK, GREEN, "run-1", T0);
        ends.ended("east", CHECK, RED, "run-2", T0.plusSeconds(60));
        ends.ended("east", CHECK, GREEN, "run-0", T0.minusSeconds(60));

        // then east's last verdict is RED, and west still has none
        assertThat(ends.last("east", CHECK)).contains(new SiteLastEnds.End(RED, T0.plusSeconds(60)));
        assertThat(ends.last("west", CHECK)).isEmpty();

        // and when a later check of east ends GREEN, that is the last
        ends.ended("east", CHECK, GREEN, "run-3", T0.plusSeconds(120));
        assertThat(ends.last("east", CHECK)).contains(new SiteLastEnds.End(GREEN, T0.plusSeconds(120)));
    }

    @Test
    void onlyACompleteBackupCountsAndOtherRunbooksAreNotKept() {
        SiteLastEnds ends = new SiteLastEnds(jdbc, sites);

        ends.ended("east", BackupSite.PROCESS_KEY, "EndEvent_BackupFailed", "run-1", T0);
        ends.ended("east", "drain-compute-node", "EndEvent_HostDrained", "run-2", T0);
        assertThat(ends.last("east", BackupSite.PROCESS_KEY)).isEmpty();
        assertThat(ends.last("east", "drain-compute-node")).isEmpty();

        ends.ended("east", BackupSite.PROCESS_KEY, BackupSite.Elements.SITE_BACKED_UP_END, "run-3", T0);
        assertThat(ends.last("east", BackupSite.PROCESS_KEY)).contains(new SiteLastEnds.End(BackupSite.Elements.SITE_BACKED_UP_END, T0));
    }

    @Test
    void rowsNoRunFilledAreFilledOnceFromTheHistoryAndAStartAgainKeepsWhatIsThere() {
        // given a database from before the table: the history knows east's last GREEN check
        SiteLastEnds ends = new SiteLastEnds(jdbc, sites);
        List<SiteLastEnds.Kept> asked = new ArrayList<>();
        ends.fill(kept -> {
            asked.add(kept);
            return kept.site().equals("east") && kept.endEvent().equals(GREEN) ? Optional.of(new SiteLastEnds.End(GREEN, T0)) : Optional.empty();
        });

        // then it is east's last verdict, and every kept end of both sites was asked for once
        assertThat(ends.last("east", CHECK)).contains(new SiteLastEnds.End(GREEN, T0));
        assertThat(asked).hasSize(2 * SiteLastEnds.KEPT.values().stream().mapToInt(java.util.Set::size).sum());

        // when the service starts again, the filled row is not asked for again and a run's end is kept
        ends.ended("east", CHECK, RED, "run-9", T0.plusSeconds(60));
        asked.clear();
        new SiteLastEnds(jdbc, sites).fill(kept -> {
            asked.add(kept);
            return Optional.empty();
        });
        assertThat(asked).hasSize(2 * SiteLastEnds.KEPT.values().stream().mapToInt(java.util.Set::size).sum() - 2)
                .doesNotContain(new SiteLastEnds.Kept("east", CHECK, GREEN), new SiteLastEnds.Kept("east", CHECK, RED));
        assertThat(ends.last("east", CHECK)).contains(new SiteLastEnds.End(RED, T0.plusSeconds(60)));
    }

    private static Site site(String name) {
        return new Site(name, Flavour.CHARMED, false, new Site.OpenStack(name, Path.of("clouds.yaml")), null, new Site.Juju("jump", "openstack"),
                null, Map.of("jump", new Site.HostGroup(List.of("127.0.0.1"), 2222, "dayshift", Path.of("k"), Path.of("kh"))), null, null);
    }
}
