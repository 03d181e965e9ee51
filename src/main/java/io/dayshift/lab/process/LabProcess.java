package io.dayshift.lab.process;

import io.dayshift.lab.LabProperties;
import io.dayshift.lab.LabSites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lab as a process of its own: {@code java -jar dayshift.jar lab --sites lab,lab-charmed --dir ./lab-run [--port 9090]}.
 * Only the simulated sites run — their MAAS region API and OpenStack APIs on one HTTP port, an SSH server per site and
 * per backup store —, no process engine, no database, no webapps. For each site it writes what a real site needs into
 * {@code <dir>/<site>/} ({@link SiteFiles}), the lab's administrator into {@code <dir>/lab-admin.txt} and, once
 * everything listens, its HTTP port into {@code <dir>/lab.port}.
 *
 * <p>The lab keeps what it is in its directory: started again there, it listens on the same ports, with the same keys and
 * credentials, and its sites are as it left them, so a service set up for it goes on without a change.
 *
 * <p>Options: {@code --sites} names (default {@code lab,lab-charmed}), each optionally {@code name=topology} (a topology on
 * the classpath, e.g. {@code lab=lab/large.yaml}); {@code --dir} (default {@code ./lab-run}); {@code --port} (default: the
 * port of its last start there, else a free port); {@code --fresh} (forget what the directory holds and begin anew). Any
 * {@code --key=value} setting of the lab ({@code --dayshift.lab.time-factor=0.1}) is passed on.
 */
public final class LabProcess {

    /** The first argument of {@code main} that starts the lab process instead of the service. */
    public static final String COMMAND = "lab";
    /** Set only in the lab process: its configuration exists nowhere else. */
    static final String ACTIVE = "dayshift.lab.process";
    /** Where the lab process writes its HTTP port, last, once everything listens. */
    public static final String PORT_FILE = "lab.port";
    /** Where the lab process writes its administrator, as {@code user:password}. */
    public static final String ADMIN_FILE = "lab-admin.txt";
    /** Where the lab process writes each site's settings, under {@code <dir>/<site>/}. */
    public static final String SITE_SETTINGS = SiteFiles.FRAGMENT;

    private LabProcess() {
    }

    /** Starts the lab process with the arguments after {@code lab}. */
    public static ConfigurableApplicationContext start(String... args) {
        Options options = Options.parse(args);
        if (options.fresh()) {
            forget(options.directory());
        }
        options = options.onPortOfLastStart();
        deleteStale(options.directory());
        SpringApplication application = new SpringApplication(LabProcessApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        return application.run(options.springArguments());
    }

    /** The command line, read into the settings of the lab. */
    record Options(Map<String, String> sites, Path directory, int port, boolean fresh, List<String> passedOn) {

        static Options parse(String... args) {
            Map<String, String> sites = new LinkedHashMap<>(LabProperties.DEFAULT_SITES);
            Path directory = Path.of("lab-run");
            int port = 0;
            boolean fresh = false;
            List<String> passedOn = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                switch (option) {
                    case "--fresh" -> fresh = true;
                    case "--sites", "--dir", "--port" -> {
                        String value;
                        if (arg.contains("=")) {
                            value = arg.substring(arg.indexOf('=') + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new IllegalArgumentException(option + ": a value is missing");
                        }
                        switch (option) {
                            case "--sites" -> sites = sites(value);
                            case "--dir" -> directory = Path.of(value);
                            default -> port = port(value);
                        }
                    }
                    default -> {
                        if (!arg.startsWith("--") || !arg.contains("=")) {
                            throw new IllegalArgumentException("unknown argument '" + arg + "'; the lab takes --sites, --dir, --port, --fresh and --setting=value");
                        }
                        passedOn.add(arg);
                    }
                }
            }
            return new Options(sites, directory, port, fresh, passedOn);
        }

        /** Without {@code --port}: the port of the lab's last start in this directory, so that the sites' settings stay true. */
        Options onPortOfLastStart() {
            return port != 0 ? this : LabSites.portOfLastStart(directory).map(last -> new Options(sites, directory, last, fresh, passedOn)).orElse(this);
        }

        private static Map<String, String> sites(String value) {
            Map<String, String> sites = new LinkedHashMap<>();
            for (String entry : value.split(",")) {
                String name = entry.contains("=") ? entry.substring(0, entry.indexOf('=')).strip() : entry.strip();
                String topology = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1).strip() : LabProperties.DEFAULT_SITES.get(name);
                if (!name.matches("[a-z][a-z0-9-]{0,62}")) {
                    throw new IllegalArgumentException("--sites: '" + name + "' is not a site name (lower-case letters, digits and hyphens)");
                }
                if (topology == null || topology.isEmpty()) {
                    throw new IllegalArgumentException("--sites: site '" + name + "' needs a topology, e.g. " + name + "=lab/small-kolla.yaml (known without one: "
                            + LabProperties.DEFAULT_SITES.keySet() + ")");
                }
                sites.put(name, topology);
            }
            return sites;
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value.strip());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // named below
            }
            throw new IllegalArgumentException("--port: '" + value + "' is not a port (0 to 65535; 0: a free one)");
        }

        /** What Spring is started with: the lab on, its sites, its directory and port; then the settings passed on. */
        String[] springArguments() {
            int listen = port == 0 ? freePort() : port;
            List<String> arguments = new ArrayList<>();
            arguments.add("--" + ACTIVE + "=true");
            arguments.add("--dayshift.lab.enabled=true");
            arguments.add("--dayshift.lab.keep-state=true");
            arguments.add("--dayshift.lab.directory=" + directory.toAbsolutePath().normalize());
            sites.forEach((name, topology) -> arguments.add("--dayshift.lab.sites." + name + "=" + topology));
            arguments.add("--server.address=127.0.0.1");
            arguments.add("--server.port=" + listen);
            arguments.add("--dayshift.lab.openstack-url=http://127.0.0.1:" + listen + "/lab/openstack/{site}/identity/v3");
            arguments.add("--dayshift.lab.maas-url=http://127.0.0.1:" + listen + "/lab/maas/{site}/MAAS");
            arguments.add("--spring.application.name=dayshift-lab");
            arguments.add("--spring.main.banner-mode=off");
            arguments.addAll(passedOn);
            return arguments.toArray(String[]::new);
        }

        /**
         * A port nothing listens on now: the lab writes its URLs into clouds.yaml and the sites' settings before its web
         * server listens, so it chooses the port first.
         */
        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port for the lab", e);
            }
        }
    }

    /**
     * {@code --fresh}: the lab forgets what it kept in {@code directory} (its identity, its sites' state, its port) and begins
     * anew, with new keys, credentials and ports. Nothing else there is touched.
     */
    static void forget(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(LabSites.IDENTITY_FILE));
            Files.deleteIfExists(directory.resolve(PORT_FILE));
            Path state = directory.resolve(LabSites.STATE_DIRECTORY);
            if (Files.isDirectory(state)) {
                try (var files = Files.list(state)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--fresh: cannot delete what the lab kept in " + directory, e);
        }
    }

    static void deleteStale(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(PORT_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old " + directory.resolve(PORT_FILE), e);
        }
    }
}
