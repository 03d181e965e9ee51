package io.dayshift.evidence.pack;

import io.dayshift.evidence.RunReaders;
import io.dayshift.site.Sites;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The evidence pack of a run and the export of many, for whoever may read the runs ({@link RunReaders}: ops leads,
 * approvers, auditors, administrators, as the engine's authorizations say); to anyone else a run does not exist (404).
 * HTTP basic, as every {@code /api} path; GET only, nothing here changes anything.
 * <ul>
 *   <li>{@code GET /api/runs/{id}/evidence.json}: the {@link EvidencePack} as JSON ({@code docs/evidence-pack.md});</li>
 *   <li>{@code GET /api/runs/{id}/evidence.html}: the same as one printable, self-contained page ({@link PackHtml});</li>
 *   <li>{@code GET /api/evidence/export?from=YYYY-MM-DD&to=YYYY-MM-DD&site=…&runbook=…}: a zip of the pack of each run the
 *       caller may read ({@link EvidenceExport}) with {@code runs.csv}, streamed; a bad parameter gets a 400 naming it
 *       ({@link ExportFilter}).</li>
 * </ul>
 */
@RestController
class EvidencePackController {

    /** What the page may load: nothing but its own inline style. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final RunReaders readers;
    private final EvidencePacks packs;
    private final EvidenceExport export;
    private final Sites sites;
    private final RepositoryService repository;
    private final PackJson json;

    EvidencePackController(RunReaders readers, EvidencePacks packs, EvidenceExport export, Sites sites, RepositoryService repository,
            PackJson json) {
        this.readers = readers;
        this.packs = packs;
        this.export = export;
        this.sites = sites;
        this.repository = repository;
        this.json = json;
    }

    @GetMapping(path = "/api/runs/{id}/evidence.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> json(@PathVariable String id, Authentication user) {
        if (!readers.mayRead(user, id)) {
            return notFound(id, user);
        }
        return packs.of(id).<ResponseEntity<?>>map(pack -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.write(pack)))
                .orElseGet(() -> notFound(id, user));
    }

    @GetMapping(path = "/api/runs/{id}/evidence.html")
    ResponseEntity<?> html(@PathVariable String id, Authentication user) {
        if (!readers.mayRead(user, id)) {
            return notFound(id, user);
        }
        return packs.of(id).<ResponseEntity<?>>map(pack -> ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", PAGE_POLICY).body(PackHtml.render(pack))).orElseGet(() -> notFound(id, user));
    }

    @GetMapping(path = "/api/evidence/export")
    ResponseEntity<StreamingResponseBody> export(HttpServletRequest request, Authentication user) {
        ExportFilter filter = ExportFilter.of(request.getParameterMap(), LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC),
                site -> sites.find(site).isPresent(),
                runbook -> repository.createProcessDefinitionQuery().processDefinitionKey(runbook).count() > 0);
        List<String> runs = export.runs(user, filter);
        StreamingResponseBody zip = out -> export.write(runs, out);
        String name = "dayshift-evidence-" + filter.from() + "-to-" + filter.to() + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header("X-Dayshift-Runs", Integer.toString(runs.size())).body(zip);
    }

    /** A parameter of the export that is wrong: 400, naming it and what it expects. */
    @ExceptionHandler(ExportFilter.Refused.class)
    ResponseEntity<Map<String, String>> refused(ExportFilter.Refused refused) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", refused.getMessage(), "parameter", refused.parameter()));
    }

    private static ResponseEntity<?> notFound(String id, Authentication user) {
        return ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "no run " + id + " that " + user.getName() + " may read"));
    }
}
