package dev.rebound.agent;

/**
 * Work an instrumentation needs done once before the first of its classes is woven, such as defining
 * its hooks: deferred to that moment so that an app which never loads the client never pays for it.
 */
interface Preparation {
    void prepare() throws Exception;
}
