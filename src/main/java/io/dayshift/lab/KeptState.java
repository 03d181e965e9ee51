package io.dayshift.lab;

import io.dayshift.lab.model.LabSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites' state of a lab that keeps it across its own restarts: {@code <directory>/<site>.json} for every site and
 * backup store, put back at start and written again within a second of every change, and once more at stop. A lab
 * killed outright loses at most the last second; a file is replaced whole, never half written.
 */
final class KeptState implements AutoCloseable {

    static final String DIRECTORY = "state";
    private static final Logger log = LoggerFactory.getLogger(KeptState.class);

    private final Path directory;
    private final Map<String, LabSite> sites;
    private final Map<String, String> written = new HashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lab-state");
        thread.setDaemon(true);
        return thread;
    });

    private KeptState(Path directory, Map<String, LabSite> sites) {
        this.directory = directory;
        this.sites = Map.copyOf(sites);
    }

    /** Puts back each site's state when {@code restarted} and its file is there, then keeps writing it. */
    static KeptState start(Path directory, Map<String, LabSite> sites, boolean restarted) throws IOException {
        Files.createDirectories(directory);
        KeptState kept = new KeptState(directory, sites);
        for (Map.Entry<String, LabSite> site : sites.entrySet()) {
            Path file = kept.file(site.getKey());
            if (restarted && Files.isRegularFile(file)) {
                String state = Files.readString(file, StandardCharsets.UTF_8);
                site.getValue().restore(state);
                kept.written.put(site.getKey(), state);
                log.warn(" lab site '{}': put back as it was at the lab's last stop ({})", site.getKey(), file);
            }
        }
        kept.writeChanged();
        kept.writer.scheduleWithFixedDelay(kept::writeChangedLogged, 1, 1, TimeUnit.SECONDS);
        return kept;
    }

    private Path file(String site) {
        return directory.resolve(site + ".json");
    }

    private void writeChangedLogged() {
        try {
            writeChanged();
        } catch (RuntimeException e) {
            log.error("the lab cannot write its state into {}; it tries again in a second", directory, e);
        }
    }

    private synchronized void writeChanged() {
        for (Map.Entry<String, LabSite> site : sites.entrySet()) {
            String state = site.getValue().state();
            if (!state.equals(written.get(site.getKey()))) {
                try {
                    LabIdentity.writePrivate(file(site.getKey()), state.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file(site.getKey()), e);
                }
                written.put(site.getKey(), state);
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        writeChanged();
    }
}
