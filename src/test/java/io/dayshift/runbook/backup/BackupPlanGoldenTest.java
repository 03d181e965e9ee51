package io.dayshift.runbook.backup;

import io.dayshift.golden.Golden;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden plans of {@code backup-site}: the site's settings ({@code golden/sites.yaml}), the scope and whether a verified,
 * recent full MariaDB backup exists (Kolla then takes an incremental on it) in {@code golden/backup/<case>.yaml}; the
 * parts in the order the run backs them up, and those the site does not have, in {@code <case>.plan.txt}.
 */
class BackupPlanGoldenTest {

    /** @param recentVerifiedFull the newest full MariaDB backup is verified and younger than {@code incremental-within} */
    record Fixture(String site, String scope, boolean recentVerifiedFull) {
    }

    static Stream<Path> cases() {
        return Golden.cases("backup");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesGolden(Path fixture) {
        Fixture f = Golden.read(fixture, Fixture.class);
        BackupPlanner.Plan plan = BackupPlanner.plan(Golden.sites().require(f.site()), BackupScope.parse(f.scope()).orElseThrow(), f.recentVerifiedFull());
        StringBuilder out = new StringBuilder("Backup of site " + f.site() + ", scope " + f.scope() + ":\n");
        plan.parts().forEach(p -> out.append("  ").append(p).append('\n'));
        out.append("Not applicable:").append(plan.notApplicable().isEmpty() ? " (none)" : "").append('\n');
        plan.notApplicable().forEach(p -> out.append("  ").append(p).append('\n'));
        Golden.verify(fixture, out.toString());
    }
}
