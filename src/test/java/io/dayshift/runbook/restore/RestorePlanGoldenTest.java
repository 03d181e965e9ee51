package io.dayshift.runbook.restore;

import io.dayshift.backup.BackupCatalogue;
import io.dayshift.backup.BackupHosts;
import io.dayshift.backup.BackupSet;
import io.dayshift.backup.FileFacts;
import io.dayshift.backup.OffHostCopy;
import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import io.dayshift.site.Sites;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Golden plans of {@code dr-restore}: the backup catalogue (sets with their artefacts, prunings, off-host copies) and which
 * files are still on their hosts in {@code golden/restore/<case>.yaml}; the plan the approver reads, as
 * {@code Task_ValidateInput} writes it ({@link RestorePlans} and where each artefact is read from), and the files in
 * restore order, or the reasons the input is refused, in {@code <case>.plan.txt}. The catalogue is the real one, on an
 * in-memory database.
 */
class RestorePlanGoldenTest extends GoldenPlanTest<RestorePlanGoldenTest.Fixture> {

    /**
     * @param now          when the restore starts (the backup's age counts against the RPO)
     * @param catalogue    the backup sets, oldest first, as {@code backup-site} recorded them
     * @param pruned       artefacts retention removed from their hosts: {@code <set id>/<KIND>}
     * @param goneFromHost paths no longer on the host a restore reads them on (a rebuilt host)
     * @param offHostCopies copies on the site's off-host store
     */
    record Fixture(Instant now, String site, String backup, String scope, long rpoHours, long rtoHours, List<BackupSet> catalogue,
                   List<String> pruned, List<String> goneFromHost, List<OffHostCopy> offHostCopies) {
    }

    RestorePlanGoldenTest() {
        super("restore", Fixture.class);
    }

    private Object lastTable;

    @Override
    protected String plan(Path fixture, Fixture f) {
        String name = fixture.getFileName().toString();
        BackupCatalogue catalogue = new BackupCatalogue(new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:golden-" + name.replace('.', '-') + "-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")));
        f.catalogue().forEach(catalogue::record);
        list(f.pruned()).forEach(p -> catalogue.markPruned(p.substring(0, p.indexOf('/')),
                io.dayshift.backup.ArtefactKind.valueOf(p.substring(p.indexOf('/') + 1)), f.now(), "golden"));
        list(f.offHostCopies()).forEach(catalogue::recordCopy);
        BackupHosts hosts = Golden.port(BackupHosts.class, Map.of("facts", args -> list(f.goneFromHost()).contains((String) args[2])
                ? Optional.empty() : Optional.of(new FileFacts("host", (String) args[2], 1, "0600", "0"))));
        Sites sites = Golden.sites();
        RestoreTargets targets = new RestoreTargets(sites, catalogue, hosts);
        // as Task_ValidateInput does
        RestoreInputCheck.Result result = new RestoreInputCheck(sites, catalogue).check(f.site(), f.backup(), f.scope());
        List<RestoreTargets.Source> sources = new ArrayList<>();
        if (result.accepted()) {
            result.database().ifPresent(point -> point.chain().forEach(link -> sources.add(targets.source(result.site().orElseThrow(), link.setId(),
                    link.artefact()))));
            result.config().ifPresent(config -> sources.add(targets.source(result.site().orElseThrow(), f.backup(), config)));
        }
        List<String> problems = new ArrayList<>(result.problems());
        sources.stream().filter(s -> !s.available()).forEach(s -> problems.add("the " + s.artefact().kind() + " artefact of backup " + f.backup()
                + " is gone from " + s.host() + ":" + s.artefact().path() + " and has no verified off-host copy"));
        lastTable = "input rejected: no tables";
        if (!problems.isEmpty()) {
            return "Input rejected, nothing was changed:\n" + String.join("\n", problems.stream().map(p -> "- " + p).toList());
        }
        long age = RestoreInputCheck.ageHours(result.dated(), f.now());
        lastTable = RestorePlans.table(result, sources, age, f.rpoHours(), f.rtoHours());
        String plan = RestorePlans.describe(result, age, f.rpoHours(), f.rtoHours()) + "\n"
                + String.join("\n", sources.stream().map(RestoreTargets.Source::describe).toList());
        return plan + "\n\n=== the plan as data ===\nwithin RPO: " + (age <= f.rpoHours()) + " (" + age + " h old)\n"
                + "database files in restore order: " + result.database().map(RestorePoint::files).orElse(List.of()) + "\n";
    }

    /** The tables the approvals show ({@code planTable}), made with the plan text by {@link #plan}. */
    @Override
    protected Object table(Path fixture, Fixture f) {
        plan(fixture, f);
        return lastTable;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
