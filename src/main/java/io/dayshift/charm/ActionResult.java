package io.dayshift.charm;

import java.util.Map;

/**
 * A completed charm action.
 *
 * @param unit       the unit it ran on
 * @param action     the action name
 * @param id         Juju's task/action id
 * @param status     {@code completed}
 * @param results    the action's results, nested keys joined with {@code .} (without return-code, stdout, stderr);
 *                   values whose key names a password, secret, token or key are remembered as secrets, so they are
 *                   masked in every log and message, but they are returned here: do not store them in variables
 * @param returnCode the charm's return code
 * @param stdout     what the action printed
 * @param stderr     what the action printed on standard error
 * @param message    the action's message, {@code ""} if none
 */
public record ActionResult(String unit, String action, String id, String status, Map<String, String> results, int returnCode,
                           String stdout, String stderr, String message) {

    public ActionResult {
        results = Map.copyOf(results);
    }
}
