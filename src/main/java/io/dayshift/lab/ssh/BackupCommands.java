package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabException;
import io.dayshift.lab.model.LabFile;
import io.dayshift.lab.model.LabSite;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands {@code backup-site} runs on the hosts of a site, answered from the site's model with the real tools'
 * output, messages and exit codes: {@code sha256sum}, {@code stat -c}, {@code ls -1t}, {@code install}, {@code tar},
 * {@code gzip -t}, {@code zgrep -c}, {@code pg_dump}, {@code pg_restore --list}, {@code vault operator raft snapshot save},
 * {@code ceph … -o FILE}, and {@code mysql -e} for the row counts. A {@code BACKUP_FAILS} fault whose target is the program
 * (or empty) makes a writer fail; a {@code BACKUP_CORRUPT} fault makes a file read back damaged.
 */
final class BackupCommands {

    private static final Pattern REMOTE = Pattern.compile("([a-z_][a-z0-9_-]*)@([A-Za-z0-9.-]+):(/.*)");

    private final LabHosts hosts;

    BackupCommands(LabHosts hosts) {
        this.hosts = hosts;
    }

    private static final DateTimeFormatter ARCHIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The words that are neither options nor the values of {@code valued} options. */
    private static List<String> operands(List<String> args, String... valued) {
        List<String> withValue = List.of(valued);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (withValue.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                out.add(a);
            }
        }
        return out;
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }

    ShellResult sha256sum(Session s, List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String path : operands(args)) {
            Optional<String> sum = s.site().backup().fileChecksum(path);
            if (sum.isEmpty()) {
                return new ShellResult(1, out.toString(), "sha256sum: " + path + ": No such file or directory\n");
            }
            out.append(sum.get()).append("  ").append(path).append('\n');
        }
        return ShellResult.ok(out.toString());
    }

    /** {@code stat -c FORMAT FILE} with {@code %s} (size) and {@code %a} (octal mode). */
    ShellResult stat(Session s, List<String> args) {
        String format = option(args, "-c");
        if (format == null) {
            return ShellResult.fail(1, "stat: the lab's stat answers only -c FORMAT");
        }
        StringBuilder out = new StringBuilder();
        for (String path : operands(args, "-c")) {
            Optional<LabFile> f = s.site().kolla().file(path);
            if (f.isEmpty() && !s.site().kolla().isDirectory(path)) {
                return new ShellResult(1, out.toString(), "stat: cannot statx '" + path + "': No such file or directory\n");
            }
            out.append(format.replace("%s", Long.toString(f.map(LabFile::size).orElse(4096L))).replace("%a", s.site().kolla().fileMode(path))).append('\n');
        }
        return ShellResult.ok(out.toString());
    }

    /** {@code ls -1t DIR}: one name a line, newest first. */
    ShellResult ls(Session s, List<String> args) {
        List<String> dirs = operands(args);
        String dir = dirs.isEmpty() ? "." : dirs.get(0);
        if (!s.site().kolla().isDirectory(dir)) {
            return ShellResult.fail(2, "ls: cannot access '" + dir + "': No such file or directory");
        }
        StringBuilder out = new StringBuilder();
        s.site().kolla().listDirectory(dir).forEach(name -> out.append(name).append('\n'));
        return ShellResult.ok(out.toString());
    }

    /** {@code install -d -m MODE DIR} and {@code install -m MODE /dev/null FILE} (an empty file with that mode). */
    ShellResult install(Session s, List<String> args) {
        String mode = Optional.ofNullable(option(args, "-m")).orElse("755");
        boolean directory = args.contains("-d");
        List<String> paths = operands(args, "-m");
        if (directory) {
            paths.forEach(p -> s.site().kolla().installFile(p, mode, true));
            return ShellResult.ok("");
        }
        if (paths.size() != 2 || !paths.get(0).equals("/dev/null")) {
            return ShellResult.fail(1, "install: the lab's install copies only /dev/null (an empty file)");
        }
        String target = paths.get(1);
        String parent = target.substring(0, Math.max(1, target.lastIndexOf('/')));
        if (!s.site().kolla().isDirectory(parent)) {
            return ShellResult.fail(1, "install: cannot create regular file '" + target + "': No such file or directory");
        }
        s.site().kolla().installFile(target, mode, false);
        return ShellResult.ok("");
    }

    /** {@code tar -czf ARCHIVE PATH…}, {@code tar -tzf ARCHIVE [MEMBER…]} and (dr-restore) {@code tar -xzf ARCHIVE -C DIR}. */
    ShellResult tar(Session s, List<String> args) {
        if (args.isEmpty()) {
            return ShellResult.fail(2, "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
        }
        String mode = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (mode.equals("-czf") && rest.size() >= 2) {
            String archive = rest.get(0);
            StringBuilder members = new StringBuilder("gzip tar archive, members:\n");
            long size = 0;
            for (String source : rest.subList(1, rest.size())) {
                Optional<LabFile> f = s.site().kolla().file(source);
                if (f.isEmpty() && !s.site().kolla().isDirectory(source)) {
                    return ShellResult.fail(2, "tar: " + source + ": Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors");
                }
                members.append(source.substring(1)).append('\n');
                for (String name : s.site().kolla().listDirectory(source)) {
                    members.append(source.substring(1)).append('/').append(name).append('\n');
                    size += s.site().kolla().file(source + "/" + name).map(LabFile::size).orElse(0L);
                }
                size += f.map(LabFile::size).orElse(0L);
            }
            try {
                s.site().backup().writeBackupFile("tar", archive, new LabFile(members.toString(), Math.max(size / 4, 1024)),
                        "tar: " + rest.get(1) + ": Cannot open: Permission denied");
            } catch (LabException e) {
                return ShellResult.fail(2, e.getMessage() + "\ntar: Exiting with failure status due to previous errors");
            }
            return new ShellResult(0, "", "tar: Removing leading `/' from member names\n");
        }
        if (mode.equals("-tzf") && !rest.isEmpty()) {
            String archive = rest.get(0);
            Optional<LabFile> f = s.site().kolla().file(archive);
            if (f.isEmpty()) {
                return ShellResult.fail(2, "tar: " + archive + ": Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now");
            }
            if (s.site().backup().corrupted(archive)) {
                return ShellResult.fail(2, "gzip: stdin: invalid compressed data--crc error\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now");
            }
            List<String> lines = f.get().content().lines().toList();
            StringBuilder out = new StringBuilder();
            if (rest.size() == 1) { // dr-restore: every member
                lines.stream().skip(1).forEach(member -> out.append(member).append('\n'));
            }
            for (String member : rest.subList(1, rest.size())) {
                if (lines.stream().noneMatch(l -> l.equals(member) || l.startsWith(member + " "))) {
                    return new ShellResult(2, out.toString(), "tar: " + member + ": Not found in archive\ntar: Exiting with failure status due to previous errors\n");
                }
                out.append(member).append('\n');
            }
            return ShellResult.ok(out.toString());
        }
        if (mode.equals("-xzf") && rest.size() == 3 && rest.get(1).equals("-C")) { // dr-restore
            try {
                s.site().backup().extractArchive(rest.get(0), rest.get(2));
                return ShellResult.ok("");
            } catch (LabException e) {
                return ShellResult.fail(2, e.getMessage());
            }
        }
        return ShellResult.fail(2, "tar: the lab's tar knows only -czf ARCHIVE PATH…, -tzf ARCHIVE [MEMBER…] and -xzf ARCHIVE -C DIR");
    }

    /** {@code gzip -t FILE}: silent when the stream is whole. */
    ShellResult gzip(Session s, List<String> args) {
        if (!args.contains("-t")) {
            return ShellResult.fail(1, "gzip: the lab's gzip only tests (-t)");
        }
        for (String path : operands(args)) {
            if (s.site().kolla().file(path).isEmpty()) {
                return ShellResult.fail(1, "gzip: " + path + ": No such file or directory");
            }
            if (s.site().backup().corrupted(path)) {
                return ShellResult.fail(1, "gzip: " + path + ": invalid compressed data--crc error");
            }
        }
        return ShellResult.ok("");
    }

    /** {@code zgrep -c -F -e TEXT FILE}: the number of lines holding the text; exit 1 when none. */
    ShellResult zgrep(Session s, List<String> args) {
        String text = option(args, "-e");
        List<String> paths = operands(args, "-e");
        if (text == null || paths.size() != 1) {
            return ShellResult.fail(2, "zgrep: the lab's zgrep knows only -c -F -e TEXT FILE");
        }
        Optional<LabFile> f = s.site().kolla().file(paths.get(0));
        if (f.isEmpty()) {
            return ShellResult.fail(2, "gzip: " + paths.get(0) + ": No such file or directory");
        }
        if (s.site().backup().corrupted(paths.get(0))) {
            return new ShellResult(2, "0\n", "gzip: " + paths.get(0) + ": invalid compressed data--crc error\n");
        }
        long count = f.get().content().lines().filter(l -> l.contains(text)).count();
        return new ShellResult(count > 0 ? 0 : 1, count + "\n", "");
    }

    /** {@code pg_dump -w -h HOST -U USER -d DB -Fc -f FILE}: a custom-format archive, its password from the user's ~/.pgpass. */
    ShellResult pgDump(Session s, List<String> args) {
        String file = option(args, "-f");
        String db = Optional.ofNullable(option(args, "-d")).orElse("postgres");
        String user = Optional.ofNullable(option(args, "-U")).orElse("root");
        if (file == null || !args.contains("-Fc")) {
            return ShellResult.fail(1, "pg_dump: the lab's pg_dump writes only custom-format archives: -Fc -f FILE");
        }
        try {
            s.site().backup().writeBackupFile("pg_dump", file, new LabFile("PGDMP custom-format archive\n;     dbname: " + db + "\n;     TOC Entries: 1874\n"
                    + ";     Archive created at " + ARCHIVED.format(s.site().now()) + "\n", 52_428_800L),
                    "pg_dump: error: connection to server at \"localhost\" (127.0.0.1), port 5432 failed: FATAL:  password authentication failed for user \""
                            + user + "\"");
        } catch (LabException e) {
            return ShellResult.fail(1, e.getMessage());
        }
        return ShellResult.ok("");
    }

    /** {@code pg_restore --list FILE}: the archive's table of contents. */
    ShellResult pgRestore(Session s, List<String> args) {
        List<String> paths = operands(args);
        if (!args.contains("--list") || paths.size() != 1) {
            return ShellResult.fail(1, "pg_restore: the lab's pg_restore only lists (--list FILE)");
        }
        Optional<LabFile> f = s.site().kolla().file(paths.get(0));
        if (f.isEmpty()) {
            return ShellResult.fail(1, "pg_restore: error: could not open input file \"" + paths.get(0) + "\": No such file or directory");
        }
        if (!f.get().content().startsWith("PGDMP")) {
            return ShellResult.fail(1, "pg_restore: error: input file does not appear to be a valid archive");
        }
        if (s.site().backup().corrupted(paths.get(0))) {
            return ShellResult.fail(1, "pg_restore: error: could not read from input file: end of file");
        }
        return ShellResult.ok(";\n" + f.get().content().lines().filter(l -> l.startsWith(";")).reduce("", (a, b) -> a + b + "\n")
                + ";\n3; 2615 2200 SCHEMA - public pg_database_owner\n4821; 1259 16390 TABLE public maasserver_node maas\n");
    }

    /** {@code vault operator raft snapshot save [-address=URL] FILE}, the token read by the CLI from the user's ~/.vault-token. */
    ShellResult vault(Session s, List<String> args) {
        if (!s.site().juju().hasVault()) {
            return ShellResult.fail(127, "sh: 1: vault: not found");
        }
        List<String> words = new ArrayList<>();
        String address = "https://127.0.0.1:8200";
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-address") && i + 1 < args.size()) {
                address = args.get(++i);
            } else if (args.get(i).startsWith("-address=")) {
                address = args.get(i).substring("-address=".length());
            } else if (!args.get(i).startsWith("-")) {
                words.add(args.get(i));
            }
        }
        if (words.size() != 5 || !String.join(" ", words.subList(0, 4)).equals("operator raft snapshot save")) {
            return ShellResult.fail(1, "Usage: vault operator raft snapshot save [options] <file>  (the lab's vault knows only this)");
        }
        try {
            s.site().backup().writeBackupFile("vault", words.get(4), new LabFile("vault raft snapshot (gzip tar)\nmeta.json\nstate.bin\nSHA256SUMS\n", 8_388_608L),
                    "Error taking the snapshot: Error making API request.\n\nURL: GET " + address + "/v1/sys/storage/raft/snapshot\nCode: 403. Errors:\n\n"
                            + "* permission denied");
        } catch (LabException e) {
            return ShellResult.fail(2, e.getMessage());
        }
        return ShellResult.ok("");
    }

    /** {@code ceph config generate-minimal-conf -o FILE} and {@code ceph auth export -o FILE} here; everything else to the node's ceph. */
    ShellResult ceph(Session s, List<String> args, LabShell.Program others) throws InterruptedException {
        String out = option(args, "-o");
        if (out == null || s.site().ceph().status().isEmpty()) {
            return others.run(s, args);
        }
        String command = String.join(" ", operands(args, "-o"));
        String content;
        if (command.equals("config generate-minimal-conf")) {
            ShellResult conf = others.run(s, List.of("config", "generate-minimal-conf"));
            content = conf.stdout();
        } else if (command.equals("auth export")) {
            content = "[client.admin]\n\tkey = AQ" + "D".repeat(38) + "==\n\tcaps mon = \"allow *\"\n[mon.]\n\tkey = AQ" + "M".repeat(38) + "==\n";
        } else {
            return others.run(s, args);
        }
        try {
            s.site().backup().writeBackupFile("ceph", out, LabFile.text(content), "Error EACCES: access denied");
        } catch (LabException e) {
            return ShellResult.fail(13, e.getMessage());
        }
        return new ShellResult(0, "", command.equals("auth export") ? "export auth(key=AQ…)\n" : "");
    }

    /** {@code mysql --batch --skip-column-names -e 'SELECT …'}: the key tables' row counts; a dump on standard input otherwise. */
    ShellResult mysql(Session s, List<String> args, LabShell.Program others) throws InterruptedException {
        String query = option(args, "-e");
        if (query == null) {
            return others.run(s, args);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> row : s.site().backup().keyTableRows().entrySet()) {
            if (query.contains("FROM " + row.getKey())) {
                out.append(row.getKey()).append('\t').append(row.getValue()).append('\n');
            }
        }
        return ShellResult.ok(out.toString());
    }

    /**
     * {@code scp [-q] [-o OPTION]… [-P PORT] SOURCE TARGET}, one side {@code user@host:/path} on another lab host, the other a file
     * of this site; OpenSSH 9's messages (SFTP mode) and exit status 1 on every failure.
     */
    ShellResult scp(Session s, List<String> args) {
        List<String> files = operands(args, "-o", "-P");
        int port = Integer.parseInt(Optional.ofNullable(option(args, "-P")).orElse("22"));
        if (files.size() != 2) {
            return ShellResult.fail(1, "usage: scp [-346ABCOpqRrsTv] [-P port] [-o ssh_option] source ... target");
        }
        Matcher from = REMOTE.matcher(files.get(0));
        Matcher to = REMOTE.matcher(files.get(1));
        if (from.matches() == to.matches()) {
            return ShellResult.fail(1, "scp: the lab's scp copies between this host and one other host");
        }
        Matcher remote = from.matches() ? from : to;
        String host = remote.group(2);
        Optional<LabHosts.Peer> peer = hosts.find(host, port);
        if (peer.isEmpty()) {
            return ShellResult.fail(1, "ssh: connect to host " + host + " port " + port + ": Connection refused\nscp: Connection closed");
        }
        if (!peer.get().user().equals(remote.group(1))) {
            return ShellResult.fail(1, remote.group(1) + "@" + host + ": Permission denied (publickey).\nscp: Connection closed");
        }
        LabSite source = from.matches() ? peer.get().files() : s.site();
        LabSite target = from.matches() ? s.site() : peer.get().files();
        String sourcePath = from.matches() ? from.group(3) : files.get(0);
        String targetPath = to.matches() ? to.group(3) : files.get(1);
        Optional<LabFile> file = source.kolla().file(sourcePath);
        if (file.isEmpty()) {
            return ShellResult.fail(1, from.matches() ? "scp: " + sourcePath + ": No such file or directory"
                    : "scp: stat local \"" + sourcePath + "\": No such file or directory");
        }
        if (!target.kolla().isDirectory(targetPath.substring(0, Math.max(1, targetPath.lastIndexOf('/'))))) {
            return ShellResult.fail(1, to.matches() ? "scp: dest open \"" + targetPath + "\": No such file or directory\nscp: failed to upload file "
                    + sourcePath + " to " + targetPath : "scp: open local \"" + targetPath + "\": No such file or directory");
        }
        LabFile sent = source.backup().transferCorrupts(sourcePath) ? new LabFile(file.get().content() + "\0damaged in transfer", file.get().size()) : file.get();
        target.backup().receiveCopy(targetPath, sent, source.backup().archiveMembers(sourcePath));
        return ShellResult.ok("");
    }
}
