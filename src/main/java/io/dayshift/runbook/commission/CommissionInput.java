package io.dayshift.runbook.commission;

import io.dayshift.machine.CommissionOptions;
import io.dayshift.shell.Arg;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads the start form's comma-separated inputs. */
final class CommissionInput {

    private CommissionInput() {
    }

    /** The non-empty, stripped items of a comma-separated list ({@code null} is empty). */
    static List<String> items(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A MAAS hostname (short or fully qualified) or system id. */
    static boolean isMachineName(String name) {
        return Arg.HOSTNAME.accepts(name) && name.length() <= 253;
    }

    /** A MAAS tag or testing script name. */
    static boolean isTagName(String name) {
        return Arg.MAAS_NAME.accepts(name);
    }

    /** MAAS's default tests when empty, none for {@code none}, else the named testing scripts (each must be a MAAS name). */
    static CommissionOptions options(String testingScripts) {
        List<String> scripts = items(testingScripts);
        if (scripts.size() == 1 && scripts.get(0).toLowerCase(Locale.ROOT).equals("none")) {
            return CommissionOptions.withoutTests();
        }
        for (String script : scripts) {
            if (script.equalsIgnoreCase("none")) {
                throw new IllegalArgumentException("'none' runs no tests and cannot be combined with script names");
            }
            Arg.MAAS_NAME.check(script);
        }
        return scripts.isEmpty() ? CommissionOptions.defaults() : CommissionOptions.withTests(scripts);
    }
}
