package io.dayshift.runbook.upgrade;

import io.dayshift.lab.model.LabOperation;
import io.dayshift.lab.model.LabTimings;
import io.dayshift.runbook.drain.DrainInstance;
import io.dayshift.runbook.drain.DrainInstances;
import io.dayshift.runbook.drain.InstanceBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ideal critical path of a Kolla {@code rolling-upgrade} run, from its approval to its end: the time the same plan
 * would take on the lab if every step started the instant the step it depends on ended, with the plan's batches and
 * the parallelism of the models. What each step costs is the lab's {@link LabTimings} of the operation it starts
 * ({@link LabOperation#ofKollaAction} for a kolla-ansible run, as the lab itself decides); steps that start no
 * simulated operation (writing globals.yml, a health check's reads, enabling a compute service) cost nothing. In the
 * models' order, each after the one before:
 *
 * <ol>
 *   <li>the backup ({@code backup-site}, scope databases): the MariaDB backup;</li>
 *   <li>the preparation, then the control plane, one step after another;</li>
 *   <li>each batch, one after another: its hosts drained one after another (each drain moves its instances in rounds of
 *   the drain's batch size, largest first as {@link DrainInstances#batches} cuts them; the instances of a round together,
 *   so a round lasts as its longest move: a live migration for ACTIVE or PAUSED, a cold one for SHUTOFF, nothing for an
 *   instance Nova moves neither way, which the ops lead leaves on the host); then the batch's kolla-ansible upgrade; its
 *   returns and release checks cost nothing;</li>
 *   <li>the finish steps (none on Kolla), the health check again (reads), the smoke instance's build.</li>
 * </ol>
 *
 * @param phases the critical path, step by step, in order
 * @param work   the simulated time of every operation the path starts, per kind, parallel ones each counted: what the
 *               lab's own record of the run ({@code LabSite.operations()}) must add up to
 * @param moves  how many instances the drains move, per kind
 */
public record UpgradeIdeal(List<Phase> phases, Map<LabOperation, Duration> work, Map<LabOperation, Long> moves) {

    /** One step of the path and how long it takes. */
    public record Phase(String name, Duration duration) {
    }

    public UpgradeIdeal {
        phases = List.copyOf(phases);
        work = Map.copyOf(work);
        moves = Map.copyOf(moves);
    }

    /** The whole critical path. */
    public Duration total() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The sum of the phases whose name starts with {@code prefix} ({@code "batch "}, {@code "drain "}…). */
    public Duration sum(String prefix) {
        return phases.stream().filter(p -> p.name().startsWith(prefix)).map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The ideal of {@code plan} on a lab of {@code timings}.
     *
     * @param found           per compute host, the instances on it when its drain began (what the drain listed)
     * @param drainBatchSize  how many instances a drain moves together ({@code dayshift.runbooks.drain-compute-node.batch-size})
     */
    public static UpgradeIdeal of(UpgradePlan plan, LabTimings timings, Map<String, DrainInstances> found, int drainBatchSize) {
        if (!plan.kolla()) {
            throw new IllegalArgumentException("the ideal knows Kolla plans only, not a " + plan.flavour() + " plan");
        }
        Builder b = new Builder(timings);
        b.phase("backup: MariaDB backup", LabOperation.KOLLA_MARIADB_BACKUP);
        plan.preparation().forEach(step -> b.step("preparation", step));
        plan.controlPlane().forEach(step -> b.step("control plane", step));
        for (HostBatch batch : plan.batches()) {
            for (String host : batch.hosts()) {
                DrainInstances instances = Optional.ofNullable(found.get(host)).orElse(new DrainInstances(List.of()));
                Duration drain = Duration.ZERO;
                for (InstanceBatch round : instances.batches(drainBatchSize)) {
                    Duration longest = Duration.ZERO;
                    for (String id : round.instanceIds()) {
                        Optional<LabOperation> move = move(instances.require(id));
                        if (move.isPresent()) {
                            Duration d = b.work(move.get());
                            longest = longest.compareTo(d) >= 0 ? longest : d;
                        }
                    }
                    drain = drain.plus(longest);
                }
                b.phases.add(new Phase("drain " + host + " (batch " + batch.number() + ")", drain));
            }
            b.step("batch " + batch.number(), batch.upgrade());
        }
        plan.finish().forEach(step -> b.step("finish", step));
        b.phase("smoke test: instance build", LabOperation.SERVER_BUILD);
        return new UpgradeIdeal(b.phases, b.work, b.moves);
    }

    /** How a drain moves an instance: live (ACTIVE, PAUSED), cold (SHUTOFF), or not at all (Nova refuses, the ops lead leaves it). */
    static Optional<LabOperation> move(DrainInstance instance) {
        return switch (instance.status()) {
            case "ACTIVE", "PAUSED" -> Optional.of(LabOperation.LIVE_MIGRATION);
            case "SHUTOFF" -> Optional.of(LabOperation.COLD_MIGRATION);
            default -> Optional.empty();
        };
    }

    private static final class Builder {
        private final LabTimings timings;
        private final List<Phase> phases = new ArrayList<>();
        private final Map<LabOperation, Duration> work = new EnumMap<>(LabOperation.class);
        private final Map<LabOperation, Long> moves = new EnumMap<>(LabOperation.class);

        Builder(LabTimings timings) {
            this.timings = timings;
        }

        Duration work(LabOperation op) {
            Duration d = timings.of(op);
            work.merge(op, d, Duration::plus);
            if (op == LabOperation.LIVE_MIGRATION || op == LabOperation.COLD_MIGRATION) {
                moves.merge(op, 1L, Long::sum);
            }
            return d;
        }

        void phase(String name, LabOperation op) {
            phases.add(new Phase(name, work(op)));
        }

        void step(String part, UpgradeStep step) {
            switch (step.kind()) {
                case KOLLA_RUN -> phase(part + ": " + step.description(), LabOperation.ofKollaAction(step.value(), step.targets()));
                case KOLLA_SET_RELEASE -> phases.add(new Phase(part + ": " + step.description(), Duration.ZERO));
                default -> throw new IllegalArgumentException("step " + step.key() + " is a " + step.kind() + " step, which a Kolla plan does not have");
            }
        }
    }
}
