package dev.rebound.sample;

/** Placeholder until the sample app lands. */
public final class SampleApp {
    public static void main(String[] args) {
        System.out.println("rebound sample app: not yet implemented");
    }
}
