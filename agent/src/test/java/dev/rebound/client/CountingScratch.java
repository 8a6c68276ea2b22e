package dev.rebound.client;

/** A client's per-thread state with nothing of its own but a count of how often it was cleared. */
final class CountingScratch extends CallDepth.Scratch {
    int cleared;

    @Override
    protected void clearClient() {
        cleared++;
    }

    @Override
    protected boolean hasHeader(String name) {
        return false;
    }

    @Override
    protected boolean bodyReplayable() {
        return true;
    }
}
