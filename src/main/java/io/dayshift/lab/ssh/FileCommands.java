package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cat tee cp mv rm mkdir test wc} on the files of the site's deployer or jump host (held in the model), only as
 * far as the adapters use them, with coreutils' messages and exit codes.
 */
final class FileCommands {

    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
    }

    ShellResult cat(Session s, List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String path : operands(args)) {
            Optional<LabFile> f = s.site().kolla().file(path);
            if (f.isEmpty()) {
                return new ShellResult(1, out.toString(), (s.site().kolla().isDirectory(path) ? "cat: " + path + ": Is a directory"
                        : "cat: " + path + ": No such file or directory") + "\n");
            }
            out.append(f.get().content());
        }
        return ShellResult.ok(out.toString());
    }

    ShellResult tee(Session s, List<String> args) {
        String input = s.stdin().get();
        for (String path : operands(args)) {
            s.site().kolla().writeFile(path, input);
        }
        return ShellResult.ok(input);
    }

    ShellResult cp(Session s, List<String> args) {
        List<String> files = operands(args);
        if (files.size() != 2) {
            return ShellResult.fail(1, "cp: missing destination file operand after '" + String.join(" ", files) + "'");
        }
        if (s.site().kolla().file(files.get(0)).isEmpty()) {
            return ShellResult.fail(1, "cp: cannot stat '" + files.get(0) + "': No such file or directory");
        }
        s.site().kolla().copyFile(files.get(0), files.get(1));
        return ShellResult.ok("");
    }

    ShellResult mv(Session s, List<String> args) {
        List<String> files = operands(args);
        if (files.size() != 2) {
            return ShellResult.fail(1, "mv: missing destination file operand after '" + String.join(" ", files) + "'");
        }
        if (s.site().kolla().file(files.get(0)).isEmpty()) {
            return ShellResult.fail(1, "mv: cannot stat '" + files.get(0) + "': No such file or directory");
        }
        s.site().kolla().moveFile(files.get(0), files.get(1));
        return ShellResult.ok("");
    }

    ShellResult rm(Session s, List<String> args) {
        boolean force = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
        for (String path : operands(args)) {
            if (!s.site().kolla().deleteFile(path) && !force) {
                return ShellResult.fail(1, "rm: cannot remove '" + path + "': No such file or directory");
            }
        }
        return ShellResult.ok("");
    }

    ShellResult mkdir(Session s, List<String> args) {
        operands(args).forEach(s.site().kolla()::makeDirectory);
        return ShellResult.ok("");
    }

    ShellResult test(Session s, List<String> args) {
        if (args.size() != 2) {
            return new ShellResult(2, "", "sh: 1: test: the lab's test takes -e, -f, -s or -d and one path\n");
        }
        String path = args.get(1);
        Optional<LabFile> f = s.site().kolla().file(path);
        boolean yes = switch (args.get(0)) {
            case "-e" -> f.isPresent() || s.site().kolla().isDirectory(path);
            case "-f" -> f.isPresent();
            case "-s" -> f.isPresent() && f.get().size() > 0;
            case "-d" -> s.site().kolla().isDirectory(path);
            default -> false;
        };
        return new ShellResult(yes ? 0 : 1, "", "");
    }

    ShellResult wc(Session s, List<String> args) {
        boolean lines = args.contains("-l");
        List<String> out = new ArrayList<>();
        for (String path : operands(args)) {
            Optional<LabFile> f = s.site().kolla().file(path);
            if (f.isEmpty()) {
                return ShellResult.fail(1, "wc: " + path + ": No such file or directory");
            }
            long n = lines ? f.get().content().chars().filter(c -> c == '\n').count() : f.get().size();
            out.add(n + " " + path);
        }
        return ShellResult.ok(String.join("\n", out) + "\n");
    }
}
