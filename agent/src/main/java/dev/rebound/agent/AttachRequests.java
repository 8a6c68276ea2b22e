package dev.rebound.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code agentmain}: attach, detach and status, as the attach CLI asks. Refuses what would leave two
 * copies at work (attaching twice, attaching beside {@code -javaagent}) or act on nothing. Names nothing
 * on the bootstrap path (see {@link Premain}); the running agent is reached through {@link AgentState}.
 */
final class AttachRequests {
    private AttachRequests() {
    }

    static void handle(String arguments, Instrumentation inst) {
        AttachRequest request = AttachRequest.decode(arguments);
        String[] reply;
        // One command at a time: two CLIs attaching at once must not both pass the check.
        synchronized (AttachRequests.class) {
            try {
                reply = run(request, inst);
            } catch (Throwable t) {
                reply = new String[] {"1", "rebound: " + request.command + " failed in the target JVM: " + t};
            }
        }
        request.reply(Integer.parseInt(reply[0]), reply[1]);
    }

    private static String[] run(AttachRequest request, Instrumentation inst) {
        String loadedBy = AgentState.loadedBy();
        if (AttachRequest.ATTACH.equals(request.command)) {
            if (AgentState.PREMAIN.equals(loadedBy)) {
                return refused("rebound already runs in this JVM: it was loaded at start-up by -javaagent"
                        + " (change its settings there)");
            }
            if (AgentState.ATTACH.equals(loadedBy)) {
                return refused("rebound is already attached to this JVM (detach it first to attach other settings)");
            }
            AgentStarter.start(inst, request.configuration);
            AgentState.Running agent = AgentState.running();
            if (agent == null) {
                return refused("rebound did not start in this JVM (disabled, or see the JVM's stderr)");
            }
            AgentState.mark(AgentState.ATTACH);
            return ok(agent.summary());
        }
        if (AttachRequest.DETACH.equals(request.command)) {
            if (AgentState.PREMAIN.equals(loadedBy)) {
                return refused("rebound was loaded at start-up by -javaagent: only an attached rebound can be"
                        + " detached (restart the JVM without -javaagent to remove it)");
            }
            AgentState.Running agent = AgentState.running();
            if (!AgentState.ATTACH.equals(loadedBy) || agent == null) {
                return refused("rebound is not attached to this JVM: nothing to detach");
            }
            String done = agent.detach();
            AgentState.stopped();
            AgentState.mark(null);
            return ok(done);
        }
        if (AttachRequest.STATUS.equals(request.command)) {
            AgentState.Running agent = AgentState.running();
            if (loadedBy == null) {
                return refused("rebound is not loaded in this JVM");
            }
            if (agent == null) {
                return refused("rebound was loaded by -javaagent but is not running (disabled, or it failed at"
                        + " start-up: see the JVM's stderr)");
            }
            return ok(agent.status(loadedBy));
        }
        return refused("rebound: unknown request from the attach CLI: " + request.command);
    }

    private static String[] ok(String message) {
        return new String[] {"0", message};
    }

    private static String[] refused(String message) {
        return new String[] {"1", message.startsWith("rebound") ? message : "rebound: " + message};
    }
}
