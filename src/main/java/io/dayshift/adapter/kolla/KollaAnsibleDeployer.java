package io.dayshift.adapter.kolla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dayshift.kolla.FileChange;
import io.dayshift.kolla.KollaAction;
import io.dayshift.kolla.KollaDeployer;
import io.dayshift.kolla.KollaException;
import io.dayshift.kolla.KollaRun;
import io.dayshift.shell.Arg;
import io.dayshift.shell.CommandResult;
import io.dayshift.shell.RemoteCommandException;
import io.dayshift.shell.RemoteShell;
import io.dayshift.shell.ShellCommand;
import io.dayshift.site.Secrets;
import io.dayshift.site.Site;
import io.dayshift.site.SshEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KollaDeployer} over SSH on the site's deployer. Speaks both kolla-ansible CLIs: the cliff CLI of 2025.1
 * (kolla-ansible 20+) {@code kolla-ansible <action> -i INV} with {@code mariadb-backup}/{@code mariadb-recovery}, and
 * the older bash CLI {@code kolla-ansible -i INV <action>} with {@code mariadb_backup}/{@code mariadb_recovery}; the
 * installed version is read with {@code kolla-ansible --version} and cached per site.
 *
 * <p>File edits never run sed or an editor remotely: the file is read over SSH, edited here, and written back as
 * {@code cp -p FILE FILE.dayshift-<stamp>} (backup), {@code cp -p FILE TMP} (same owner and mode), {@code tee TMP}
 * fed the new content on standard input, a re-read proving nobody changed FILE meanwhile, {@code mv -f TMP FILE},
 * and a final re-read that must show the change.
 */
final class KollaAnsibleDeployer implements KollaDeployer {

    private static final Logger log = LoggerFactory.getLogger(KollaAnsibleDeployer.class);
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final int FIRST_CLIFF_MAJOR = 20; // 2025.1 Epoxy
    private static final Pattern RELEASE_LINE = Pattern.compile("(?m)^openstack_release\\s*:.*$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private record CachedVersion(int major, Instant until) {
    }

    private final RemoteShell shell;
    private final KollaProperties properties;
    private final Secrets secrets;
    private final Clock clock;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final Map<String, CachedVersion> versions = new ConcurrentHashMap<>();

    KollaAnsibleDeployer(RemoteShell shell, KollaProperties properties, Secrets secrets, Clock clock) {
        this.shell = shell;
        this.properties = properties;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public KollaRun run(Site site, KollaAction action, List<String> limit) {
        if (!limit.isEmpty() && !action.acceptsLimit()) {
            throw new IllegalArgumentException(action + " does not take a --limit (site " + site.name() + ")");
        }
        limit.forEach(Arg.HOSTNAME::check);
        ShellCommand command = command(site, action, limit);
        CommandResult result = run(site, "kolla-ansible " + action, command, timeout(action));
        var recap = AnsibleResults.recap(result.stdout());
        KollaRun run = new KollaRun(action, secrets.redact(result.command()), result.exitStatus(), AnsibleResults.outcome(result.exitStatus(), recap), recap,
                secrets.redact(result.evidenceTail(properties.logTailChars())), result.truncated(), result.took());
        log.info("site {}: kolla-ansible {} ended {} (exit {}), troubled hosts {}", site.name(), action, run.outcome(), run.exitCode(), run.troubledHosts());
        return run;
    }

    ShellCommand command(Site site, KollaAction action, List<String> limit) {
        boolean cliff = major(site) >= FIRST_CLIFF_MAJOR;
        String inventory = path(site, kolla(site).inventory(), "inventory");
        ShellCommand command = ShellCommand.of(properties.executable());
        String verb = switch (action) {
            case PRECHECKS -> "prechecks";
            case PULL -> "pull";
            case BOOTSTRAP_SERVERS -> "bootstrap-servers";
            case DEPLOY -> "deploy";
            case UPGRADE -> "upgrade";
            case RECONFIGURE -> "reconfigure";
            case STOP -> "stop";
            case MARIADB_BACKUP_FULL, MARIADB_BACKUP_INCREMENTAL -> cliff ? "mariadb-backup" : "mariadb_backup";
            case MARIADB_RECOVERY -> cliff ? "mariadb-recovery" : "mariadb_recovery";
        };
        command = cliff
                ? command.flag(verb).flag("-i").arg(Arg.PATH, inventory)
                : command.flag("-i").arg(Arg.PATH, inventory).flag(verb);
        if (action == KollaAction.MARIADB_BACKUP_INCREMENTAL) {
            command = command.flag("--incremental");
        }
        if (action == KollaAction.STOP) {
            command = command.flag("--yes-i-really-really-mean-it");
        }
        if (!limit.isEmpty()) {
            command = command.flag("--limit").arg(Arg.HOST_LIST, String.join(",", limit));
        }
        return command;
    }

    private Duration timeout(KollaAction action) {
        return switch (action) {
            case PRECHECKS -> properties.prechecksTimeout();
            case PULL -> properties.pullTimeout();
            default -> properties.playbookTimeout();
        };
    }

    // --- inventory ---

    @Override
    public FileChange addHost(Site site, String group, String host) {
        checkGroup(group);
        Arg.HOSTNAME.check(host);
        return edit(site, kolla(site).inventory(), "inventory", "add " + host + " to [" + group + "]",
                text -> IniInventory.withHost(text, group, host),
                text -> IniInventory.contains(text, group, host));
    }

    @Override
    public FileChange removeHost(Site site, String group, String host) {
        checkGroup(group);
        Arg.HOSTNAME.check(host);
        return edit(site, kolla(site).inventory(), "inventory", "remove " + host + " from [" + group + "]",
                text -> IniInventory.withoutHost(text, group, host),
                text -> !IniInventory.contains(text, group, host));
    }

    @Override
    public boolean inventoryHasHost(Site site, String group, String host) {
        checkGroup(group);
        return IniInventory.contains(read(site, path(site, kolla(site).inventory(), "inventory")), group, host);
    }

    // --- globals.yml ---

    @Override
    public Optional<String> openstackRelease(Site site) {
        String file = path(site, kolla(site).globals(), "globals");
        return release(site, file, read(site, file));
    }

    @Override
    public FileChange setOpenstackRelease(Site site, String release) {
        Arg.RELEASE.check(release);
        String line = "openstack_release: \"" + release + "\"";
        String file = path(site, kolla(site).globals(), "globals");
        return edit(site, kolla(site).globals(), "globals", "set openstack_release to " + release,
                text -> {
                    if (release(site, file, text).filter(release::equals).isPresent()) {
                        return text;
                    }
                    Matcher m = RELEASE_LINE.matcher(text);
                    if (m.find()) {
                        return text.substring(0, m.start()) + line + text.substring(m.end());
                    }
                    return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
                },
                text -> release(site, file, text).filter(release::equals).isPresent());
    }

    private Optional<String> release(Site site, String file, String text) {
        try {
            JsonNode root = yaml.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return Optional.empty();
            }
            if (!root.isObject()) {
                throw new KollaException(where(site) + ": " + file + " is not a YAML mapping");
            }
            JsonNode value = root.get("openstack_release");
            return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
        } catch (JsonProcessingException e) {
            throw new KollaException(where(site) + ": cannot read " + file + " as YAML (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
    }

    // --- safe remote edit ---

    private FileChange edit(Site site, Path target, String what, String operation, UnaryOperator<String> change, Predicate<String> done) {
        String file = path(site, target, what);
        String original = read(site, file);
        String updated;
        try {
            updated = change.apply(original);
        } catch (IllegalArgumentException e) {
            throw new KollaException(where(site) + ": cannot " + operation + " in " + file + ": " + e.getMessage());
        }
        if (updated.equals(original)) {
            return new FileChange(file, false, "");
        }
        String stamp = STAMP.format(clock.instant());
        String backup = Arg.PATH.check(file + ".dayshift-" + stamp);
        String temporary = Arg.PATH.check(file + ".dayshift-tmp-" + stamp);
        runOk(site, operation + ": back up " + file,
                ShellCommand.of("cp").flag("-p").arg(Arg.PATH, file).arg(Arg.PATH, backup)
                        .andThen(ShellCommand.of("cp").flag("-p").arg(Arg.PATH, file).arg(Arg.PATH, temporary)),
                null);
        runOk(site, operation + ": write " + temporary, ShellCommand.of("tee").arg(Arg.PATH, temporary), updated.getBytes(StandardCharsets.UTF_8));
        if (!read(site, file).equals(original)) {
            runOk(site, operation + ": discard " + temporary, ShellCommand.of("rm").flag("-f").arg(Arg.PATH, temporary), null);
            throw new KollaException(where(site) + ": cannot " + operation + ": " + file + " changed while it was being edited; nothing written");
        }
        runOk(site, operation + ": replace " + file, ShellCommand.of("mv").flag("-f").arg(Arg.PATH, temporary).arg(Arg.PATH, file), null);
        if (!done.test(read(site, file))) {
            throw new KollaException(where(site) + ": " + operation + ": " + file + " does not show the change after writing it; the previous version is "
                    + backup);
        }
        log.info("site {}: {} in {} (backup {})", site.name(), operation, file, backup);
        return new FileChange(file, true, backup);
    }

    private String read(Site site, String file) {
        CommandResult result = runOk(site, "read " + file, ShellCommand.of("cat").arg(Arg.PATH, file), null);
        if (result.truncated()) {
            throw new KollaException(where(site) + ": " + file + " is larger than the SSH output bound; refusing to edit it");
        }
        return result.stdout();
    }

    // --- plumbing ---

    int major(Site site) {
        Instant now = clock.instant();
        CachedVersion cached = versions.get(site.name());
        if (cached != null && now.isBefore(cached.until())) {
            return cached.major();
        }
        CommandResult result = runOk(site, "kolla-ansible --version", ShellCommand.of(properties.executable()).flag("--version"), null);
        Matcher m = VERSION.matcher(result.stdout() + "\n" + result.stderr());
        if (!m.find()) {
            throw new KollaException(where(site) + ": cannot read the kolla-ansible version from: " + tail(result.stdout() + result.stderr()));
        }
        int major = Integer.parseInt(m.group(1));
        versions.put(site.name(), new CachedVersion(major, now.plus(properties.versionCacheTtl())));
        return major;
    }

    private CommandResult run(Site site, String operation, ShellCommand command, Duration timeout) {
        SshEndpoint host = site.kollaDeployer();
        try {
            return shell.run(host, command, timeout);
        } catch (RemoteCommandException e) {
            throw new RemoteCommandException("site " + site.name() + ": " + operation + ": " + e.getMessage(), e);
        }
    }

    private CommandResult runOk(Site site, String operation, ShellCommand command, byte[] input) {
        SshEndpoint host = site.kollaDeployer();
        CommandResult result;
        try {
            result = input == null
                    ? shell.run(host, command, properties.fileTimeout())
                    : shell.runWithInput(host, command, input, properties.fileTimeout());
        } catch (RemoteCommandException e) {
            throw new RemoteCommandException("site " + site.name() + ": " + operation + ": " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new KollaException(where(site) + ": " + operation + " failed (exit " + result.exitStatus() + "): " + tail(result.stderr()));
        }
        return result;
    }

    private static Site.Kolla kolla(Site site) {
        if (site.kolla() == null) {
            throw new IllegalStateException("site " + site.name() + " has no 'kolla' settings (dayshift.sites." + site.name() + ".kolla)");
        }
        return site.kolla();
    }

    private static String path(Site site, Path file, String what) {
        if (file == null) {
            throw new IllegalStateException("site " + site.name() + " has no kolla " + what + " file (dayshift.sites." + site.name() + ".kolla." + what + ")");
        }
        return Arg.PATH.check(file.toString());
    }

    private static void checkGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("not an inventory group name: " + group);
        }
    }

    private String where(Site site) {
        return "site " + site.name() + " (" + site.kollaDeployer().display() + ")";
    }

    private String tail(String text) {
        String trimmed = text == null ? "" : text.strip();
        return secrets.redact(trimmed.length() <= 2000 ? trimmed : "…" + trimmed.substring(trimmed.length() - 2000));
    }
}
