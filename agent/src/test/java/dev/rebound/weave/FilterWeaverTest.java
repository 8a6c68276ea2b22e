package dev.rebound.weave;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterWeaverTest {
    private static final String OWNER = "dev/rebound/weave/Dispatcher";
    private static final String HOOKS = "dev/rebound/weave/FilterHooks";
    private static final String DISPATCH = "(Ljava/lang/String;JLjava/lang/Object;)Ljava/lang/Object;";

    @BeforeEach
    void reset() {
        FilterHooks.events.clear();
        FilterHooks.flag = false;
    }

    @Test
    void argumentFilterReplacesTheParameterBeforeTheBodyRuns() throws Exception {
        Object d = load(TypeWeave.builder(OWNER).argumentFilter(wrapHandler()).build());
        assertEquals("x#0 x#1 wrapped(h)", dispatch(d, "x", 2, "h"));
        assertEquals(List.of("wrap x 2 h"), FilterHooks.events);
        assertEquals(List.of("handler=wrapped(h)"), log(d));
    }

    @Test
    void returnFilterSeesEveryReturnWithTheArgumentsAsTheyAreThen() throws Exception {
        Object d = load(TypeWeave.builder(OWNER).argumentFilter(wrapHandler()).returnFilter(filterResult()).build());
        assertEquals("filtered(empty:wrapped(h))", dispatch(d, "", 1, "h"));
        assertEquals("filtered(caught:wrapped(h))", dispatch(d, "boom", 3, "h"));
        assertEquals("filtered(y#0 wrapped(h))", dispatch(d, "y", 1, "h"));
        assertEquals(List.of(
                "wrap  1 h", "result empty:wrapped(h) label=d handler=wrapped(h)",
                "wrap boom 3 h", "result caught:wrapped(h) label=d handler=wrapped(h)",
                "wrap y 1 h", "result y#0 wrapped(h) label=d handler=wrapped(h)"), FilterHooks.events);
    }

    @Test
    void aThrownExceptionPassesTheReturnFilterUntouched() throws Exception {
        Object d = load(TypeWeave.builder(OWNER).returnFilter(filterResult()).build());
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> dispatch(d, null, 1, "h"));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(List.of(), FilterHooks.events);
    }

    @Test
    void entryFlagWithArgumentsSetsTheFirstFieldTheClassDeclares() throws Exception {
        EntryFlag flag = new EntryFlag("open", HOOKS, "flagFor",
                new HookArg[] {HookArg.self(), HookArg.field("label", "Ljava/lang/String;")}, "expiredOnce", "retriedOnce");
        Object d = load(TypeWeave.builder(OWNER).entryFlag(flag).build());
        d.getClass().getMethod("open", String.class).invoke(d, "a");
        FilterHooks.flag = true;
        d.getClass().getMethod("open", String.class).invoke(d, "b");
        assertEquals(List.of("open a retriedOnce=false", "open b retriedOnce=true"), log(d));
        assertEquals(List.of("flag? d", "flag? d"), FilterHooks.events);
    }

    @Test
    void anEntryFlagFieldTheClassLacksIsReported() {
        EntryFlag flag = new EntryFlag("open", HOOKS, "flagFor", new HookArg[0], "expiredOnce");
        WeaveException e = assertThrows(WeaveException.class,
                () -> Weaver.weave(classBytes(), TypeWeave.builder(OWNER).entryFlag(flag).build()));
        assertTrue(e.getMessage().contains("expiredOnce"), e.getMessage());
    }

    @Test
    void aFilteredMethodTheClassLacksIsReported() {
        ReturnFilter filter = new ReturnFilter("dispatch", "(Ljava/lang/String;)Ljava/lang/Object;", HOOKS, "filterResult");
        WeaveException e = assertThrows(WeaveException.class,
                () -> Weaver.weave(classBytes(), TypeWeave.builder(OWNER).returnFilter(filter).build()));
        assertTrue(e.getMessage().contains("dispatch"), e.getMessage());
    }

    @Test
    void aParameterArgumentOfTheWrongTypeIsReported() {
        ArgumentFilter filter = new ArgumentFilter("dispatch", DISPATCH, 2, HOOKS, "wrapHandler",
                HookArg.self(), HookArg.param(1, "Ljava/lang/String;"));
        assertThrows(WeaveException.class,
                () -> Weaver.weave(classBytes(), TypeWeave.builder(OWNER).argumentFilter(filter).build()));
    }

    @Test
    void filtersAcceptOnlyReferenceTypes() {
        assertThrows(IllegalArgumentException.class,
                () -> new ArgumentFilter("dispatch", DISPATCH, 1, HOOKS, "wrapHandler"));
        assertThrows(IllegalArgumentException.class, () -> new ReturnFilter("open", "(Ljava/lang/String;)V", HOOKS, "x"));
    }

    private static ArgumentFilter wrapHandler() {
        return new ArgumentFilter("dispatch", DISPATCH, 2, HOOKS, "wrapHandler",
                HookArg.self(), HookArg.param(0, "Ljava/lang/String;"), HookArg.param(1, "J"),
                HookArg.param(2, "Ljava/lang/Object;"));
    }

    private static ReturnFilter filterResult() {
        return new ReturnFilter("dispatch", DISPATCH, HOOKS, "filterResult",
                HookArg.field("label", "Ljava/lang/String;"), HookArg.param(2, "Ljava/lang/Object;"));
    }

    private static Object dispatch(Object d, String request, long attempts, Object handler) throws Exception {
        return d.getClass().getMethod("dispatch", String.class, long.class, Object.class).invoke(d, request, attempts, handler);
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(Object d) throws Exception {
        return (List<String>) d.getClass().getMethod("log").invoke(d);
    }

    private static Object load(TypeWeave spec) throws Exception {
        byte[] woven = Weaver.weave(classBytes(), spec);
        Class<?> c = new ClassLoader(FilterWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("dev.rebound.weave.Dispatcher")) {
                    synchronized (this) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass("dev.rebound.weave.Dispatcher");
        return c.getConstructor().newInstance();
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = FilterWeaverTest.class.getResourceAsStream("Dispatcher.class")) {
            return in.readAllBytes();
        }
    }
}
