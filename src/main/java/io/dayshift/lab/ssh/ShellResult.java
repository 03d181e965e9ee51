package io.dayshift.lab.ssh;

/** What a lab command answers: its exit status and output, as a real command would. */
public record ShellResult(int exit, String stdout, String stderr) {

    public static ShellResult ok(String stdout) {
        return new ShellResult(0, stdout, "");
    }

    public static ShellResult fail(int exit, String stderr) {
        return new ShellResult(exit, "", stderr.endsWith("\n") ? stderr : stderr + "\n");
    }
}
