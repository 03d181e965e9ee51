package io.dayshift.evidence.pack;

import io.dayshift.evidence.RunReaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * An evidence export: the runs a user may read that an {@link ExportFilter} covers, as one zip written while it is read —
 * {@code <run>.json} and {@code <run>.html} of each run's {@link EvidencePack}, then {@code runs.csv} ({@link RunsCsv}), one
 * line per run. A run is what has a journal of its own: a process started on its own, not a part of its caller
 * (await-operation, smoke-test-instance).
 */
@Component
public class EvidenceExport {

    /** How many runs one history query lists at a time. */
    static final int PAGE = 500;
    static final String CSV = "runs.csv";

    private final HistoryService history;
    private final RepositoryService repository;
    private final RunReaders readers;
    private final EvidencePacks packs;
    private final PackJson json;

    EvidenceExport(HistoryService history, RepositoryService repository, RunReaders readers, EvidencePacks packs, PackJson json) {
        this.history = history;
        this.repository = repository;
        this.readers = readers;
        this.packs = packs;
        this.json = json;
    }

    /** The ids of the runs the filter covers that the user may read, in the order they started. */
    public List<String> runs(Authentication user, ExportFilter filter) {
        List<HistoricProcessInstance> found = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            int at = first;
            List<HistoricProcessInstance> page = readers.asUser(user, () -> query(filter).listPage(at, PAGE));
            found.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<String, Boolean> startable = new HashMap<>();
        return found.stream().filter(run -> run.getSuperProcessInstanceId() == null || startable.computeIfAbsent(run.getProcessDefinitionId(),
                id -> repository.getProcessDefinition(id).isStartableInTasklist())).map(HistoricProcessInstance::getId).toList();
    }

    private HistoricProcessInstanceQuery query(ExportFilter filter) {
        HistoricProcessInstanceQuery query = history.createHistoricProcessInstanceQuery().startedAfter(filter.startsAt())
                .startedBefore(filter.endsAt());
        filter.runbook().ifPresent(query::processDefinitionKey);
        filter.site().ifPresent(site -> query.variableValueEquals(EvidencePacks.SITE, site));
        return query.orderByProcessInstanceStartTime().asc().orderByProcessInstanceId().asc();
    }

    /** Writes the zip of the runs to {@code out}, run by run. */
    public void write(List<String> runs, OutputStream out) throws IOException {
        StringBuilder csv = new StringBuilder(RunsCsv.header());
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (String run : runs) {
            Optional<EvidencePack> pack = packs.of(run);
            if (pack.isEmpty()) {
                continue; // its history was deleted since it was listed
            }
            String name = fileName(run);
            zip.putNextEntry(new ZipEntry(name + ".json"));
            zip.write(json.write(pack.get()).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name + ".html"));
            zip.write(PackHtml.render(pack.get()).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            csv.append(RunsCsv.line(pack.get()));
        }
        zip.putNextEntry(new ZipEntry(CSV));
        zip.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    /** A run's id as a file name: the engine's ids are UUIDs; anything else is replaced. */
    static String fileName(String run) {
        return run.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
