package io.dayshift.runbook.backup;

import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import java.nio.file.Path;

/**
 * Golden plans of {@code backup-site}: the site's settings ({@code golden/sites.yaml}), the scope and whether a verified,
 * recent full MariaDB backup exists (Kolla then takes an incremental on it) in {@code golden/backup/<case>.yaml}; the
 * parts in the order the run backs them up, and those the site does not have, in {@code <case>.plan.txt}.
 */
class BackupPlanGoldenTest extends GoldenPlanTest<BackupPlanGoldenTest.Fixture> {

    /** @param recentVerifiedFull the newest full MariaDB backup is verified and younger than {@code incremental-within} */
    record Fixture(String site, String scope, boolean recentVerifiedFull) {
    }

    BackupPlanGoldenTest() {
        super("backup", Fixture.class);
    }

    @Override
    protected String plan(Path fixture, Fixture f) {
        BackupPlanner.Plan plan = BackupPlanner.plan(Golden.sites().require(f.site()), BackupScope.parse(f.scope()).orElseThrow(), f.recentVerifiedFull());
        StringBuilder out = new StringBuilder("Backup of site " + f.site() + ", scope " + f.scope() + ":\n");
        plan.parts().forEach(p -> out.append("  ").append(p).append('\n'));
        out.append("Not applicable:").append(plan.notApplicable().isEmpty() ? " (none)" : "").append('\n');
        plan.notApplicable().forEach(p -> out.append("  ").append(p).append('\n'));
        return out.toString();
    }
}
