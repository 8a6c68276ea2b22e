package dev.rebound.agent;

import dev.rebound.config.ConfigKeys;
import dev.rebound.config.ConfigLoader;
import dev.rebound.config.ConfigProblem;
import dev.rebound.config.ReboundConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar rebound-agent.jar}: the version, every key with its default, and the effective
 * configuration from this process's system properties and environment. {@code --check} exits non-zero,
 * naming each bad key, so that deployments can test their settings in CI.
 */
public final class Cli {
    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (AttachCommand.handles(args)) {
            return AttachCommand.run(args, out, err);
        }
        boolean check = args.length == 1 && args[0].equals("--check");
        if (args.length > 0 && !check) {
            err.println("usage: java -jar rebound-agent.jar [--check]");
            return 2;
        }
        ConfigKeys keys = ConfigKeys.of(ClientModules.labels());
        ReboundConfig config = ConfigLoader.fromSystem(keys, null);
        List<String> problems = new ArrayList<String>();
        for (ConfigProblem p : config.problems()) {
            problems.add(p.message());
        }
        Policies.from(config, problems);
        if (check) {
            for (String problem : problems) {
                err.println(problem);
            }
            if (!problems.isEmpty()) {
                err.println("rebound: configuration has " + problems.size() + " problem(s)");
                return 1;
            }
            out.println("rebound " + dev.rebound.export.AgentVersion.current() + ": configuration OK");
            return 0;
        }
        out.println("rebound " + dev.rebound.export.AgentVersion.current());
        out.println("Add to the JVM: -javaagent:rebound-agent.jar; settings: -Drebound.<key>=<value>, REBOUND_<KEY>=<value>"
                + " or -javaagent:rebound-agent.jar=<key>=<value>;<key>=<value>");
        out.println();
        out.println("Keys (default, description):");
        out.println(keys.describe());
        out.println("Effective configuration:");
        out.println(config.renderEffective());
        for (String problem : problems) {
            out.println(problem);
        }
        return 0;
    }
}
