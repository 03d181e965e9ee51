package io.dayshift.approval;

import io.dayshift.engine.ProcessVariable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan as the approval form shows it, in tables: what moves where (instance → from → to, its flavor, what becomes of
 * its local disk), each receiving host's use before and after in percent with its thresholds marked in words, the
 * steps in order, and the warnings, problems and reserves. Every runbook's planner publishes its plan in this one shape
 * as {@link #VARIABLE} ({@code planTable}), next to the text it already writes; the approval forms read its lists as the
 * data sources of their tables. An approval step names {@code planTable} in its {@code plan} property, so the
 * fingerprint the approver approves covers the tables too, and only the engine writes it.
 *
 * @param title a line saying what the plan does, e.g. {@code Drain cn01 (az1) on site lab: 3 instance(s)}
 * @param moves what moves where, in the order the plan moves them; empty when nothing moves
 * @param hosts each host that receives or keeps load, its use before → after; empty when the plan changes no load
 * @param steps the steps in order; empty when the plan is only moves
 * @param notes the warnings, problems and reserves, worst first
 */
public record PlanTable(String title, List<Move> moves, List<HostUsage> hosts, List<Step> steps, List<Note> notes) {

    /** The run's plan tables, for the approval form; named in the approval step's {@code plan} property. */
    public static final ProcessVariable<PlanTable> VARIABLE = ProcessVariable.json("planTable", PlanTable.class);
    /**
     * The tables of a run's second plan, approved in a later step of the same run (a rollback's): kept apart from
     * {@link #VARIABLE} so that the first approval's fingerprint stays what its approver saw.
     */
    public static final ProcessVariable<PlanTable> ROLLBACK = ProcessVariable.json("rollbackTable", PlanTable.class);

    /** {@link Note#kind()} of a host that would end above a threshold. */
    public static final String WARNING = "warning";
    /** {@link Note#kind()} of a reason the plan cannot go ahead. */
    public static final String PROBLEM = "problem";
    /** {@link Note#kind()} of a reserve the plan keeps (or does not). */
    public static final String RESERVE = "reserve";
    /** {@link Note#kind()} of anything else the approver should know. */
    public static final String NOTE = "note";

    public PlanTable {
        title = title == null ? "" : title;
        moves = moves == null ? List.of() : List.copyOf(moves);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        steps = steps == null ? List.of() : List.copyOf(steps);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One instance that moves.
     *
     * @param instance  {@code name (id)}
     * @param flavor    the flavor's name and size, {@code m1.large (4 vCPU, 8192 MiB RAM, 80 GiB disk)}
     * @param from      the host it leaves
     * @param to        the host it is expected on, or what decides it ({@code no host}, {@code the scheduler})
     * @param how       how it moves ({@code live migration}, {@code rebuild on another host})
     * @param localData what becomes of its local disk, in words: kept, none (booted from a volume), or LOST
     */
    public record Move(String instance, String flavor, String from, String to, String how, String localData) {
    }

    /**
     * A host's use of its capacity, in percent with one decimal, before and after the plan.
     *
     * @param over       true when it would end above one of its thresholds
     * @param thresholds in words: {@code OVER: disk 97.8 % > 75 %} or {@code within (vCPU 70 %, RAM 80 %, disk 75 %)}
     */
    public record HostUsage(String host, String zone, double vcpuBefore, double vcpuAfter, double ramBefore, double ramAfter,
                            double diskBefore, double diskAfter, boolean over, String thresholds) {

        /**
         * The usage of a host whose use goes from {@code before} to {@code after} of {@code capacity} (vCPU, RAM, disk, in
         * that order), judged against the thresholds in percent (vCPU, RAM, disk).
         */
        public static HostUsage of(String host, String zone, long[] capacity, long[] before, long[] after, int[] thresholdPercent) {
            String[] names = {"vCPU", "RAM", "disk"};
            double[] was = new double[3];
            double[] will = new double[3];
            List<String> over = new ArrayList<>();
            List<String> limits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                was[i] = percent(before[i], capacity[i]);
                will[i] = percent(after[i], capacity[i]);
                limits.add(names[i] + " " + thresholdPercent[i] + " %");
                if (100.0 * after[i] / Math.max(1, capacity[i]) > thresholdPercent[i] && capacity[i] > 0) {
                    over.add(String.format(Locale.ROOT, "%s %.1f %% > %d %%", names[i], will[i], thresholdPercent[i]));
                }
            }
            String words = over.isEmpty() ? "within (" + String.join(", ", limits) + ")" : "OVER: " + String.join(", ", over);
            return new HostUsage(host, zone, was[0], will[0], was[1], will[1], was[2], will[2], !over.isEmpty(), words);
        }

        /** Used over capacity in percent, one decimal; 0 for a resource the host does not offer. */
        static double percent(long used, long capacity) {
            return capacity <= 0 ? 0 : BigDecimal.valueOf(100.0 * used / capacity).setScale(1, RoundingMode.HALF_UP).doubleValue();
        }
    }

    /**
     * One step of the plan.
     *
     * @param order   from 1
     * @param phase   when it runs ({@code when the window opens}, {@code control plane}, {@code batch 2})
     * @param step    what it does, one line
     * @param targets the hosts, groups or applications it touches
     */
    public record Step(int order, String phase, String step, String targets) {
    }

    /**
     * Something the approver should know.
     *
     * @param kind {@link #WARNING}, {@link #PROBLEM}, {@link #RESERVE} or {@link #NOTE}
     */
    public record Note(String kind, String text) {
    }
}
