package dev.rebound.weave;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeaverTest {
    private static final String OWNER = "dev/rebound/weave/Exchange";
    private static final String HOOKS = "dev/rebound/weave/TestHooks";

    @BeforeEach
    void reset() {
        TestHooks.events.clear();
        TestHooks.maxRuns = 3;
        TestHooks.flag = false;
    }

    @Test
    void failedRunsAreRepeatedWithFieldsReset() throws Exception {
        Object exchange = wovenExchange("fail-1", "fail-2", "ok");
        assertEquals("ok+", fetch(exchange, 1));
        assertEquals(List.of(
                "enter response=null remembered=null runs=0",
                "exit returned=null thrown=fail-1+",
                "enter response=null remembered=null runs=1",
                "exit returned=null thrown=fail-2+",
                "enter response=null remembered=null runs=2",
                "exit returned=ok+ thrown=null"), TestHooks.events);
    }

    @Test
    void lastFailureReachesTheCallerUnchanged() throws Exception {
        TestHooks.maxRuns = 2;
        Object exchange = wovenExchange("fail-1", "fail-2", "ok");
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> fetch(exchange, 0));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("fail-2", e.getCause().getMessage());
        assertEquals(4, TestHooks.events.size());
    }

    @Test
    void innerHandlersKeepPrecedenceOverTheCatchAll() throws Exception {
        Object exchange = wovenExchange("boom");
        assertEquals("caught", fetch(exchange, 0));
        assertEquals("exit returned=caught thrown=null", TestHooks.events.get(1));
    }

    @Test
    void reEntryAfterTheExchangeSeesTheStateFields() throws Exception {
        Object exchange = wovenExchange("ok");
        fetch(exchange, 0);
        fetch(exchange, 0);
        assertEquals("enter response=ok remembered=null runs=1", TestHooks.events.get(2));
    }

    @Test
    void entryFlagSetsTheFieldOnlyWhenTheHookSaysSo() throws Exception {
        TypeWeave spec = TypeWeave.of(OWNER, Collections.<RetryLoop>emptyList(),
                List.of(new EntryFlag("flag", HOOKS, "flag", "quiet")));
        Object exchange = load(spec).getConstructor(String[].class).newInstance((Object) new String[] {"ok"});
        Method flag = exchange.getClass().getMethod("flag");
        Method isQuiet = exchange.getClass().getMethod("isQuiet");
        flag.invoke(exchange);
        assertTrue((Boolean) isQuiet.invoke(exchange)); // false -> toggled
        TestHooks.flag = true;
        flag.invoke(exchange);
        assertFalse((Boolean) isQuiet.invoke(exchange)); // set true by the hook, then toggled
    }

    @Test
    void entryHookGetsTheParametersOfEachRunAndTheWovenClass() throws Exception {
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enterWithParams",
                new HookArg[] {HookArg.ownerClass(), HookArg.param(0), HookArg.param(1), HookArg.self()}, "exit",
                "response", "Ljava/lang/String;", "remembered", "Ljava/lang/String;");
        Class<?> woven = load(TypeWeave.of(OWNER, List.of(loop), Collections.<EntryFlag>emptyList()));
        Object exchange = woven.getConstructor(String[].class).newInstance((Object) new String[] {"fail", "ok"});
        assertEquals("ok++", fetch(exchange, 2));
        String expectedEnter = "enter owner=dev.rebound.weave.Exchange loader=true bonus=2 unused=7";
        assertEquals(List.of(expectedEnter, "exit returned=null thrown=fail++", expectedEnter, "exit returned=ok++ thrown=null"),
                TestHooks.events);
    }

    @Test
    void exitHookGetsTheStateTheRunLeftAndReusedStateIsResetBeforeAReRun() throws Exception {
        String seen = "Ldev/rebound/weave/Exchange$Seen;";
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter",
                new HookArg[] {HookArg.self(), HookArg.field("response", "Ljava/lang/String;"),
                    HookArg.field("remembered", "Ljava/lang/String;"), HookArg.field("runs", "I")},
                "exitWithState", "response", "Ljava/lang/String;", "remembered", "Ljava/lang/String;")
                .withExitArgs(HookArg.field("runs", "I"), HookArg.field("seen", seen))
                .withResetCall("seen", seen, "reset");
        Object exchange = load(TypeWeave.of(OWNER, List.of(loop), Collections.<EntryFlag>emptyList()))
                .getConstructor(String[].class).newInstance((Object) new String[] {"fail-1", "fail-2", "ok"});
        assertEquals("ok", fetch(exchange, 0));
        assertEquals(List.of(
                "enter response=null remembered=null runs=0",
                "exit thrown=fail-1 runs=1 seen=fail-1",
                "exit returned=null thrown=fail-1",
                "enter response=null remembered=null runs=1",
                "exit thrown=fail-2 runs=2 seen=fail-2",
                "exit returned=null thrown=fail-2",
                "enter response=null remembered=null runs=2",
                "exit thrown=null runs=3 seen=ok",
                "exit returned=ok thrown=null"), TestHooks.events);
        assertEquals("ok", exchange.getClass().getMethod("seen").invoke(exchange));
    }

    @Test
    void pairsTheHooksHandOverAreSetOnAFieldsObjectBeforeEachReRunOnly() throws Exception {
        TestHooks.pairs = new String[] {"traceparent", "a", "tracestate", "b"};
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter",
                new HookArg[] {HookArg.self(), HookArg.field("response", "Ljava/lang/String;"),
                    HookArg.field("remembered", "Ljava/lang/String;"), HookArg.field("runs", "I")},
                "exit", "response", "Ljava/lang/String;", "remembered", "Ljava/lang/String;")
                .withRerunPairs("pairs", "Ldev/rebound/weave/Exchange$Pairs;", "set", "pairName", "pairValue", 3);
        Class<?> woven = load(TypeWeave.of(OWNER, List.of(loop), Collections.<EntryFlag>emptyList()));
        Object retried = woven.getConstructor(String[].class).newInstance((Object) new String[] {"fail", "ok"});
        Object healthy = woven.getConstructor(String[].class).newInstance((Object) new String[] {"ok"});
        try {
            assertEquals("ok", fetch(retried, 0));
            assertEquals("ok", fetch(healthy, 0));
        } finally {
            TestHooks.pairs = new String[0];
        }
        assertEquals("traceparent=a,tracestate=b", woven.getMethod("pairs").invoke(retried));
        assertEquals("", woven.getMethod("pairs").invoke(healthy));
        assertThrows(IllegalArgumentException.class,
                () -> loop.withRerunPairs("runs", "I", "set", "pairName", "pairValue", 1));
    }

    @Test
    void aResetFieldOrResetCallTheClassLacksFailsTheWeave() {
        RetryLoop absentField = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter", new HookArg[0], "exit",
                "absent", "Ljava/lang/String;");
        WeaveException e = assertThrows(WeaveException.class, () -> Weaver.weave(classBytes(),
                TypeWeave.of(OWNER, List.of(absentField), Collections.<EntryFlag>emptyList())));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        RetryLoop wrongType = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter", new HookArg[0], "exit")
                .withResetCall("seen", "Ljava/lang/StringBuilder;", "reset");
        assertThrows(WeaveException.class, () -> Weaver.weave(classBytes(),
                TypeWeave.of(OWNER, List.of(wrongType), Collections.<EntryFlag>emptyList())));
    }

    @Test
    void aResetCallNeedsAnObjectField() {
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter", new HookArg[0], "exit");
        assertThrows(IllegalArgumentException.class, () -> loop.withResetCall("runs", "I", "reset"));
    }

    @Test
    void parameterIndexBeyondTheDescriptorIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS,
                "enter", new HookArg[] {HookArg.param(2)}, "exit"));
    }

    @Test
    void missingMethodIsReportedNotGuessed() throws Exception {
        RetryLoop loop = new RetryLoop("absent", "()Ljava/lang/String;", HOOKS, "enter", new HookArg[0], "exit");
        TypeWeave spec = TypeWeave.of(OWNER, List.of(loop), Collections.<EntryFlag>emptyList());
        WeaveException e = assertThrows(WeaveException.class, () -> Weaver.weave(classBytes(), spec));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }

    private static Object wovenExchange(String... script) throws Exception {
        RetryLoop loop = new RetryLoop("fetch", "(IJ)Ljava/lang/String;", HOOKS, "enter",
                new HookArg[] {HookArg.self(), HookArg.field("response", "Ljava/lang/String;"),
                    HookArg.field("remembered", "Ljava/lang/String;"), HookArg.field("runs", "I")},
                "exit", "response", "Ljava/lang/String;", "remembered", "Ljava/lang/String;");
        TypeWeave spec = TypeWeave.of(OWNER, List.of(loop), Collections.<EntryFlag>emptyList());
        return load(spec).getConstructor(String[].class).newInstance((Object) script);
    }

    private static String fetch(Object exchange, int bonus) throws Exception {
        return (String) exchange.getClass().getMethod("fetch", int.class, long.class).invoke(exchange, bonus, 7L);
    }

    private static Class<?> load(TypeWeave spec) throws Exception {
        byte[] woven = Weaver.weave(classBytes(), spec);
        return new ClassLoader(WeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("dev.rebound.weave.Exchange")) {
                    synchronized (this) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass("dev.rebound.weave.Exchange");
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = WeaverTest.class.getResourceAsStream("Exchange.class")) {
            return in.readAllBytes();
        }
    }
}
