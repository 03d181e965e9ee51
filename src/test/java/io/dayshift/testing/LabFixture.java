package io.dayshift.testing;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.LabSites;
import io.dayshift.lab.model.LabSite;
import io.dayshift.site.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The built-in lab for adapter tests: one site from a topology resource, its SSH server on loopback, files in a temp dir. */
public final class LabFixture implements AutoCloseable {

    private final Path dir;
    private final LabSites lab;
    private final String name;

    private LabFixture(Path dir, LabSites lab, String name) {
        this.dir = dir;
        this.lab = lab;
        this.name = name;
    }

    /** Starts site {@code name} from {@code topology} at time factor 1 on {@code clock}; foreground waits return at once. */
    public static LabFixture start(String name, String topology, MutableClock clock) {
        try {
            Path dir = Files.createTempDirectory("lab-");
            LabProperties properties = new LabProperties(true, dir, 1.0, Map.of(), "dayshift", "http://127.0.0.1:1/{site}/v3",
                    "http://127.0.0.1:1/{site}/MAAS", Map.of(name, topology));
            return new LabFixture(dir, LabSites.start(properties, clock, d -> { }), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LabSite model() {
        return lab.require(name);
    }

    public Site site() {
        return lab.siteConfigurations().get(0);
    }

    public LabSites lab() {
        return lab;
    }

    @Override
    public void close() throws IOException {
        lab.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
