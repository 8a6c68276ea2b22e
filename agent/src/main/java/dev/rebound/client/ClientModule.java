package dev.rebound.client;

/**
 * One HTTP client that rebound covers, as its package declares it: everything the agent derives about the
 * client (its switch, the classes it weaves, which class loader gets which of its classes, what installs
 * it) is read from here. Pure data, naming classes only by their names: the agent loads descriptors at
 * start-up, before any of the client's own classes exist, and must not make the system class loader load
 * them.
 *
 * <p>A client's classes are defined when its first target class loads, not at start-up: an app that never
 * loads the client never pays for it.
 */
public final class ClientModule {
    /** Where the classes this client weaves come from. */
    public enum Origin {
        /** JDK classes, from the bootstrap or platform loader; the same name from any other loader is not it. */
        JDK,
        /** A library's classes, from any app class loader (each that loads one gets it woven). */
        LIBRARY
    }

    private final String label;
    private final String declaredBy;
    private final Origin origin;
    private final String[] targets;
    private final String[] bootPackages;
    private final String[] appLoaderPackages;
    private final String platformPackage;
    private final String platformModule;
    private final String platformApiClass;
    private final String setupClass;

    private ClientModule(Builder b) {
        this.label = b.label;
        this.declaredBy = b.declaredBy;
        this.origin = b.origin;
        this.targets = b.targets;
        this.bootPackages = b.bootPackages;
        this.appLoaderPackages = b.appLoaderPackages;
        this.platformPackage = b.platformPackage;
        this.platformModule = b.platformModule;
        this.platformApiClass = b.platformApiClass;
        this.setupClass = b.setupClass;
    }

    /**
     * @param label      the client's name: metric label {@code client}, switch
     *                   {@code instrumentation.<label>.enabled}, start-up line
     * @param declaredBy the class that holds this descriptor: it stays with the agent, never defined elsewhere
     */
    public static Builder builder(String label, Class<?> declaredBy) {
        return new Builder(label, declaredBy.getName());
    }

    public String label() {
        return label;
    }

    /** The binary name of the class holding this descriptor. */
    public String declaredBy() {
        return declaredBy;
    }

    public Origin origin() {
        return origin;
    }

    /** Internal names ({@code a/b/C}) of every class the client may weave, whatever the configuration. */
    public String[] targets() {
        return targets.clone();
    }

    /** Internal-name prefixes of the client's classes defined in the bootstrap loader (its hooks, its adapter). */
    public String[] bootPackages() {
        return bootPackages.clone();
    }

    /**
     * Internal-name prefixes of classes typed against the library, defined into each app class loader that
     * loads one of its targets, so that they link against that loader's copy (see {@link BridgeFactory}).
     */
    public String[] appLoaderPackages() {
        return appLoaderPackages.clone();
    }

    /** Internal-name prefix of classes defined in the platform loader (hooks that name a platform module's types), or null. */
    public String platformPackage() {
        return platformPackage;
    }

    /** The platform module those classes serve ({@code java.net.http}); the client is absent from a JVM without it. */
    public String platformModule() {
        return platformModule;
    }

    /** A public class of {@link #platformModule()}, made to read the classes defined for it. */
    public String platformApiClass() {
        return platformApiClass;
    }

    /**
     * Binary name of the client's {@link ClientSetup}, found in the platform loader when the client has a
     * {@link #platformPackage()}, else in the bootstrap loader.
     */
    public String setupClass() {
        return setupClass;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Builds a {@link ClientModule}; every list may be left empty but the targets and the setup class. */
    public static final class Builder {
        private final String label;
        private final String declaredBy;
        private Origin origin = Origin.LIBRARY;
        private String[] targets = new String[0];
        private String[] bootPackages = new String[0];
        private String[] appLoaderPackages = new String[0];
        private String platformPackage;
        private String platformModule;
        private String platformApiClass;
        private String setupClass;

        private Builder(String label, String declaredBy) {
            this.label = label;
            this.declaredBy = declaredBy;
        }

        public Builder origin(Origin value) {
            origin = value;
            return this;
        }

        public Builder targets(String... internalNames) {
            targets = internalNames.clone();
            return this;
        }

        public Builder bootPackages(String... prefixes) {
            bootPackages = prefixes.clone();
            return this;
        }

        public Builder appLoaderPackages(String... prefixes) {
            appLoaderPackages = prefixes.clone();
            return this;
        }

        public Builder platform(String prefix, String module, String apiClass) {
            platformPackage = prefix;
            platformModule = module;
            platformApiClass = apiClass;
            return this;
        }

        public Builder setup(String binaryName) {
            setupClass = binaryName;
            return this;
        }

        public ClientModule build() {
            if (label == null || label.isEmpty() || targets.length == 0 || setupClass == null) {
                throw new IllegalStateException("client " + label + ": a label, targets and a setup class are required");
            }
            return new ClientModule(this);
        }
    }
}
