package io.dayshift.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A remote command built only from literals of our own and validated, quoted arguments. There is no
 * way to put raw text into it: {@link #of} and {@link #flag} accept fixed words and options; every
 * variable part goes through {@link #arg(Arg, String)}.
 *
 * <pre>{@code ShellCommand.of("juju").flag("status").flag("-m").arg(Arg.MODEL, model).flag("--format=json")}</pre>
 */
public final class ShellCommand {

    private static final Pattern PROGRAM = Pattern.compile("(?:/[a-z0-9_.-]+)*/?[a-z][a-z0-9_.-]*");
    private static final Pattern FLAG = Pattern.compile("-{0,2}[A-Za-z0-9][A-Za-z0-9_-]*(?:=[A-Za-z0-9_.,:/=-]+)?");

    private final List<String> words;

    private ShellCommand(List<String> words) {
        this.words = List.copyOf(words);
    }

    /** A command starting with a fixed program name such as {@code juju} or {@code kolla-ansible}. */
    public static ShellCommand of(String program) {
        if (program == null || !PROGRAM.matcher(program).matches()) {
            throw new IllegalArgumentException("not a program name: " + ShellQuoting.printable(program));
        }
        return new ShellCommand(List.of(program));
    }

    /**
     * A command line written in this package only: shell syntax that is a constant of this package, and values that were
     * validated and then quoted with {@link ShellQuoting#quote} (see {@link DetachedRun}). Deliberately not public.
     */
    static ShellCommand script(String line) {
        return new ShellCommand(List.of(line));
    }

    /**
     * A fixed word or option written by our code, such as {@code status}, {@code --format=json} or
     * {@code -i}. Never pass user input here: use {@link #arg}.
     */
    public ShellCommand flag(String literal) {
        if (literal == null || !FLAG.matcher(literal).matches()) {
            throw new IllegalArgumentException("not a literal option: " + ShellQuoting.printable(literal));
        }
        return append(literal);
    }

    /** A variable argument: checked against the kind's pattern, then single-quoted. */
    public ShellCommand arg(Arg kind, String value) {
        return append(ShellQuoting.quote(kind.check(value)));
    }

    /**
     * A whole command line as one argument, quoted as a single word, for programs that take a command as their value
     * (Ansible's {@code -a} of the {@code command} module). {@code inner} was built by this class too, so it holds only
     * literals and checked, quoted values.
     */
    public ShellCommand commandArg(ShellCommand inner) {
        return append(ShellQuoting.quote(inner.render()));
    }

    /** Runs this command with {@code sudo -n} (never prompts for a password). */
    public ShellCommand withSudo() {
        List<String> prefixed = new ArrayList<>(List.of("sudo", "-n"));
        prefixed.addAll(words);
        return new ShellCommand(prefixed);
    }

    /** This command and then {@code next}, the second only if the first succeeded ({@code &&}). */
    public ShellCommand andThen(ShellCommand next) {
        List<String> joined = new ArrayList<>(words);
        joined.add("&&");
        joined.addAll(next.words);
        return new ShellCommand(joined);
    }

    private ShellCommand append(String word) {
        List<String> more = new ArrayList<>(words);
        more.add(word);
        return new ShellCommand(more);
    }

    /** The command line sent to the remote shell. */
    public String render() {
        return String.join(" ", words);
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShellCommand command && command.words.equals(words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }
}
