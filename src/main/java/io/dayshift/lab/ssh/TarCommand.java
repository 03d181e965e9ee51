package io.dayshift.lab.ssh;

import io.dayshift.lab.model.LabException;
import java.util.List;

/**
 * {@code tar -czf ARCHIVE -C DIR NAME}, {@code tar -tzf ARCHIVE} and {@code tar -xzf ARCHIVE -C DIR} on the deployer's files,
 * as far as dr-restore uses them, with GNU tar's messages and exit code 2.
 */
final class TarCommand {

    private TarCommand() {
    }

    static ShellResult run(Session s, List<String> args) {
        try {
            if (args.size() == 5 && args.get(0).equals("-czf") && args.get(2).equals("-C")) {
                s.site().archive(args.get(1), args.get(3), args.get(4));
                return ShellResult.ok("");
            }
            if (args.size() == 2 && args.get(0).equals("-tzf")) {
                return ShellResult.ok(String.join("\n", s.site().archiveEntries(args.get(1))) + "\n");
            }
            if (args.size() == 4 && args.get(0).equals("-xzf") && args.get(2).equals("-C")) {
                if (!s.site().isDirectory(args.get(3)) && !args.get(3).equals("/etc") && !args.get(3).equals("/")) {
                    return ShellResult.fail(2, "tar: " + args.get(3) + ": Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n");
                }
                s.site().extractArchive(args.get(1), args.get(3));
                return ShellResult.ok("");
            }
        } catch (LabException e) {
            return ShellResult.fail(2, e.getMessage() + "\n");
        }
        return ShellResult.fail(2, "tar: the lab knows only -czf ARCHIVE -C DIR NAME, -tzf ARCHIVE and -xzf ARCHIVE -C DIR\n"
                + "Try 'tar --help' or 'tar --usage' for more information.\n");
    }
}
