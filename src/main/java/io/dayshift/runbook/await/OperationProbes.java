package io.dayshift.runbook.await;

import io.dayshift.engine.RetryProfiles;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link OperationProbe}, by kind; the model reads the retry cycle of a look as {@code ${operationProbes.retryCycle(operation)}}. */
@Component("operationProbes")
public class OperationProbes {

    private final Map<String, OperationProbe> byKind;
    private final RetryProfiles retries;

    OperationProbes(List<OperationProbe> probes, RetryProfiles retries) {
        this.byKind = probes.stream().collect(Collectors.toUnmodifiableMap(OperationProbe::kind, Function.identity()));
        this.retries = retries;
    }

    /** The probe of the operation's kind, or an {@link IllegalStateException} naming the kinds there are. */
    public OperationProbe of(Operation operation) {
        OperationProbe probe = byKind.get(operation.kind());
        if (probe == null) {
            throw new IllegalStateException("no probe looks at operations of kind '" + operation.kind() + "' (known: "
                    + byKind.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        return probe;
    }

    /** The retry cycle of a look at the operation: its system's profile. */
    public String retryCycle(Operation operation) {
        return retries.of(of(operation).system());
    }
}
