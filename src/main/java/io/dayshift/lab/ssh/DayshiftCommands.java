package io.dayshift.lab.ssh;

import io.dayshift.shell.ShellCommand;
import java.util.List;

/**
 * The words of a command line Dayshift builds, as the lab's shell reads them: how the lab recognises Dayshift's own
 * commands from their production builders instead of keeping copies of them. A line is Dayshift's command only if it
 * reads, word for word, as the builder renders it for the values the line carries; a value the builder refuses is
 * refused here too.
 */
final class DayshiftCommands {

    private DayshiftCommands() {
    }

    /** The words of {@code command}, which must be one simple command. */
    static List<String> words(ShellCommand command) {
        List<List<String>> commands = CommandLine.parse(command.render());
        if (commands.size() != 1) {
            throw new IllegalStateException("Dayshift's command is no longer one simple command the lab reads: " + command.render());
        }
        return commands.get(0);
    }
}
