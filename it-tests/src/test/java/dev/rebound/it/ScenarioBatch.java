package dev.rebound.it;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;

/**
 * Scenarios that share one child JVM, as a dynamic container: when the container starts, every scenario
 * plans its runs on one {@link Stage}, the batch runs once, then each scenario's check is a test of its
 * own. The container's first test is the child JVM itself (exit code, whatever it printed beyond the runs).
 *
 * <p>Batches run on two helper threads, in the order the tests need them, so that two child JVMs run at
 * once: a batch spends most of its time waiting (backoffs, timeouts, slow answers), and one at a time the
 * suites would not fit the CI's time budget. Each batch plans on its own stage (unique upstream paths), so
 * two do not meet; a test waits for its batch, or runs it itself if the helpers have not reached it yet.
 */
final class ScenarioBatch {
    private static final ExecutorService AHEAD = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "scenario-batch-ahead");
        t.setDaemon(true);
        return t;
    });

    private final Stage stage;
    private final List<Scenario> scenarios;
    private final Function<Batch, ChildResult> runner;
    private final List<Scenario.Check> checks = new ArrayList<>();
    private ChildResult child;
    private AssertionError failure;

    private ScenarioBatch(Stage stage, List<Scenario> scenarios, Function<Batch, ChildResult> runner) {
        this.stage = stage;
        this.scenarios = List.copyOf(scenarios);
        this.runner = runner;
    }

    /**
     * @param runner     runs the planned batch in the container's child JVM (see {@link Batch#run})
     * @param wholeChild checks on the child as a whole, such as its stderr
     */
    static DynamicContainer container(String name, Stage stage, List<Scenario> scenarios,
                                      Function<Batch, ChildResult> runner, Consumer<ChildResult> wholeChild) {
        ScenarioBatch batch = new ScenarioBatch(stage, scenarios, runner);
        AHEAD.execute(() -> {
            try {
                batch.ran();
            } catch (AssertionError | RuntimeException e) {
                // kept in the batch: its tests report it
            }
        });
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("child JVM", () -> wholeChild.accept(batch.ran())));
        for (int i = 0; i < scenarios.size(); i++) {
            int index = i;
            tests.add(dynamicTest(scenarios.get(i).name(), () -> {
                batch.ran();
                batch.checks.get(index).verify();
            }));
        }
        return dynamicContainer(name, tests);
    }

    /** Plans and runs the batch on first use; every later use sees the same child, or the same failure. */
    private synchronized ChildResult ran() {
        if (child == null && failure == null) {
            try {
                for (Scenario scenario : scenarios) {
                    checks.add(scenario.plan().apply(stage));
                }
                child = runner.apply(stage.batch());
            } catch (AssertionError | RuntimeException e) {
                failure = e instanceof AssertionError a ? a : new AssertionError("the batch did not run", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return child;
    }
}
