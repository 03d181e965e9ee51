package io.dayshift.runbook.commission;

import io.dayshift.golden.Golden;
import io.dayshift.golden.GoldenPlanTest;
import io.dayshift.machine.Machine;
import io.dayshift.machine.MachineProvisioner;
import io.dayshift.machine.MachineStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Golden plans of {@code commission-machines}: the start form's input and the machines MAAS knows in
 * {@code golden/commission/<case>.yaml}; the machines the run will commission, in order, with the status each had (as
 * {@code Task_ValidateInput} records them), or every reason the input is refused, in {@code <case>.plan.txt}.
 */
class CommissionPlanGoldenTest extends GoldenPlanTest<CommissionPlanGoldenTest.Fixture> {

    /** @param machines the comma-separated machines of the start form; {@code maas}: the machines MAAS knows */
    record Fixture(String site, String machines, String tags, String testingScripts, List<Known> maas) {
    }

    record Known(String systemId, String hostname, MachineStatus status) {
    }

    CommissionPlanGoldenTest() {
        super("commission", Fixture.class);
    }

    @Override
    protected String plan(Path fixture, Fixture f) {
        MachineProvisioner maas = Golden.port(MachineProvisioner.class, Map.of("findMachine", args -> f.maas().stream()
                .filter(m -> m.systemId().equals(args[1]) || m.hostname().equals(args[1])).findFirst()
                .map(m -> new Machine(m.systemId(), m.hostname(), m.status(), "", "", List.of(), null, "", "", 0, 0, 0, List.of(), ""))));
        InputCheck.Result result = new InputCheck(Golden.sites(), maas).check(f.site(), f.machines(), f.tags(), f.testingScripts());
        return result.accepted()
                ? "Commission on site " + f.site() + ", in this order:\n" + String.join("\n", result.targets().machines().stream()
                        .map(t -> "  " + t.display() + " " + t.statusBefore().label()).toList())
                        + "\nthen tag the Ready ones: " + CommissionInput.items(f.tags()) + "\ntesting: " + CommissionInput.options(f.testingScripts())
                : "Input rejected, nothing was commissioned:\n" + String.join("\n", result.problems().stream().map(p -> "- " + p).toList());
    }
}
