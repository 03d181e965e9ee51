package io.dayshift.evidence;

import io.dayshift.platform.OneOffCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar dayshift.jar verify-evidence [--run ID]}: with the service's own configuration (database settings,
 * profile), recomputes every site chain and every run's journal — or one run's, and its link in its site's chain — prints
 * one line per chain, naming the first entry that does not match (chain, sequence number, step, what differs), and exits:
 * 0 when every chain is intact, {@value #MISMATCH} when one is not, 1 when the check could not be made. It reads only; it
 * starts as a {@link OneOffCommand} (no web server, no jobs), so it can run next to the nodes.
 */
public final class VerifyEvidenceCommand {

    /** The first argument that runs the check instead of the service. */
    public static final String COMMAND = "verify-evidence";
    /** The exit status when a chain does not match. */
    public static final int MISMATCH = 2;

    private VerifyEvidenceCommand() {
    }

    /** Runs the check with the further arguments ({@code --run ID}, the service's {@code --name=value}); the exit status. */
    public static int run(PrintStream out, String... arguments) {
        String run = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i].equals("--run") && i + 1 < arguments.length) {
                run = arguments[++i];
            } else if (arguments[i].startsWith("--run=")) {
                run = arguments[i].substring("--run=".length());
            } else {
                rest.add(arguments[i]);
            }
        }
        if (run != null && run.isBlank()) {
            out.println("verify-evidence: --run needs a run id");
            return 1;
        }
        String only = run;
        List<Verification> results = OneOffCommand.run("verify-evidence", Map.of(), new String[0], rest.toArray(String[]::new), context -> {
            EvidenceVerifier verifier = context.getBean(EvidenceVerifier.class);
            return only == null ? verifier.all() : List.of(verifier.run(only));
        });
        results.forEach(result -> out.println(result.describe()));
        long broken = results.stream().filter(result -> !result.intact()).count();
        out.println(broken == 0 ? "Evidence intact: " + results.size() + " chain(s) verified"
                : "Evidence NOT intact: " + broken + " of " + results.size() + " chain(s) do not match");
        return broken == 0 ? 0 : MISMATCH;
    }
}
