package dev.rebound.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the annotated test per JDK with the agent and without it; the test takes
 * {@code (Jdk jdk, boolean agent)} and asserts what each case must show, so the no-agent run proves
 * the assertions can fail.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0} agent={1}")
@MethodSource("dev.rebound.it.Jdks#allWithAgentOnAndOff")
public @interface AcrossJdksWithAndWithoutAgent {
}
