package dev.rebound.config;

import dev.rebound.engine.HostGlob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The {@code hosts.include} / {@code hosts.exclude} lists: the engine's {@link HostGlob} grammar. */
final class HostGlobsType extends ListType {
    static final HostGlobsType INSTANCE = new HostGlobsType();

    private HostGlobsType() {
    }

    /** The glob's normalised text: lists compare and show it. */
    @Override
    Object parseItem(String item) {
        HostGlob glob = HostGlob.parse(item);
        return glob == null ? null : glob.toString();
    }

    @Override
    String whyBad(String item) {
        return HostGlob.whyBad(item);
    }

    /** The globs' texts (Strings), in order. */
    @Override
    Object build(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<Object>(items));
    }

    @Override
    String format(Object value) {
        return Text.join((List<?>) value);
    }
}
