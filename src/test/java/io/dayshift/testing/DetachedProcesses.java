package io.dayshift.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Ends detached runs that tests start on the in-JVM SSH server's shell. */
public final class DetachedProcesses {

    private DetachedProcesses() {
    }

    /**
     * Kills a run's shell first, then what it started: killed the other way round, the shell would see its command
     * end and record an exit status before it dies, and the run would look finished instead of lost. Once SIGKILL is
     * pending the shell runs no further instruction, so there is no need to wait for it.
     */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(shell -> {
            List<ProcessHandle> children = shell.descendants().toList();
            shell.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        });
    }

    /** Detached runs outlive the SSH sessions that started them: ends those under {@code runs} still going. */
    public static void killLeftovers(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.toList()) {
                Path pid = dir.resolve("pid");
                if (Files.isRegularFile(pid) && Files.readString(pid).strip().matches("[0-9]+")) {
                    kill(Long.parseLong(Files.readString(pid).strip()));
                }
            }
        }
    }
}
