package dev.rebound.weave;

import java.util.ArrayList;
import java.util.List;

/** Stands in for an async client: a method with several returns, a loop, an inner handler and a throw. */
public class Dispatcher {
    String label = "d";
    boolean retriedOnce;
    final List<String> log = new ArrayList<>();

    public Object dispatch(String request, long attempts, Object handler) {
        if (request == null) {
            throw new IllegalArgumentException("no request");
        }
        if (request.isEmpty()) {
            return "empty:" + handler;
        }
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i < attempts; i++) {
            try {
                if (request.equals("boom")) {
                    throw new IllegalStateException("inner");
                }
                sb.append(request).append('#').append(i).append(' ');
            } catch (IllegalStateException e) {
                return "caught:" + handler;
            }
        }
        log.add("handler=" + handler);
        return sb.append(handler).toString();
    }

    public List<String> log() {
        return log;
    }

    public void open(String target) {
        log.add("open " + target + " retriedOnce=" + retriedOnce);
    }
}
