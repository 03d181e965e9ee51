package io.dayshift.runbook.drain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disabled reason a drain gives Nova, which says which Dayshift run took the host out of service: the operator's
 * reason, then {@code [out of service for Dayshift run <id>]}, where the id is the run at the top (a rolling upgrade for the
 * drains it calls, else the drain itself). {@code openstack compute service list --long} shows it to everyone, and a return
 * enables only a host whose reason carries it: a host an operator disabled for another reason stays disabled, with its
 * reason. Nova keeps at most 255 characters of a reason; the operator's part is cut to fit.
 */
public final class OutOfService {

    static final int NOVA_REASON_LENGTH = 255;
    private static final String MARK = " [out of service for Dayshift run ";
    private static final Pattern MARKED = Pattern.compile(Pattern.quote(MARK) + "([0-9A-Za-z-]{1,64})]$");

    private OutOfService() {
    }

    /** The reason a drain of run {@code runId} gives Nova for {@code operatorReason}. */
    public static String reason(String operatorReason, String runId) {
        String mark = MARK + runId + "]";
        String reason = operatorReason.strip();
        int room = NOVA_REASON_LENGTH - mark.length();
        return (reason.length() > room ? reason.substring(0, room - 1) + "…" : reason) + mark;
    }

    /** The run that took the host out of service, if the disabled reason is a Dayshift drain's. */
    public static Optional<String> takenOutBy(String disabledReason) {
        Matcher m = MARKED.matcher(disabledReason == null ? "" : disabledReason.strip());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
