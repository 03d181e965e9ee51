package io.dayshift.golden;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A planner's golden test: one test per fixture {@code golden/<planner>/<case>.yaml}, read into the test's record
 * {@code F}, whose plan text must equal {@code <case>.plan.txt} ({@link Golden#verify}). A subclass says how to plan.
 *
 * @param <F> the fixture's record
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GoldenPlanTest<F> {

    private final String planner;
    private final Class<F> fixtureType;

    protected GoldenPlanTest(String planner, Class<F> fixtureType) {
        this.planner = planner;
        this.fixtureType = fixtureType;
    }

    /** The plan text of the fixture read from {@code file}. */
    protected abstract String plan(Path file, F fixture);

    /**
     * The plan's tables ({@code planTable}) as the approval form reads them, compared with {@code <case>.table.json};
     * null for a planner whose plan is not approved in a form.
     */
    protected Object table(Path file, F fixture) {
        return null;
    }

    protected Stream<Path> cases() {
        return Golden.cases(planner);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesGolden(Path fixture) {
        Golden.verify(fixture, plan(fixture, Golden.read(fixture, fixtureType)), getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tableMatchesGolden(Path fixture) {
        Object table = table(fixture, Golden.read(fixture, fixtureType));
        Assumptions.assumeTrue(table != null, "the plans of " + planner + " are not approved in a form");
        Golden.verify(fixture, Golden.json(table), getClass(), ".table.json");
    }
}
