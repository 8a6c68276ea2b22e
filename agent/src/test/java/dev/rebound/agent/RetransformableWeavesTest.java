package dev.rebound.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rebound.client.ClientModule;
import dev.rebound.client.ClientSetup;
import dev.rebound.engine.CallListener;
import dev.rebound.engine.Client;
import dev.rebound.engine.Clock;
import dev.rebound.engine.FailureKind;
import dev.rebound.engine.RandomSource;
import dev.rebound.engine.RetryEngine;
import dev.rebound.engine.RetryPolicy;
import dev.rebound.weave.TypeWeave;
import dev.rebound.weave.Weaver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attach retransforms classes that are already loaded, and detach retransforms them back: the JVM then
 * refuses any change to a class's shape (JVMTI's retransformation rules), so every weave of every client,
 * under every policy, must leave the real target class's shape as it was: its fields, its methods, their
 * modifiers and descriptors, its supertypes and its nest and permitted-subclass attributes. Woven against
 * the bytes this JDK (and the pinned Apache versions on the test class path) really have.
 */
class RetransformableWeavesTest {

    static List<ClientModule> modules() {
        return ClientModules.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void noWeaveChangesTheShapeOfTheClassItWeaves(ClientModule module) throws Exception {
        int checked = 0;
        for (RetryPolicy policy : List.of(RetryPolicy.DEFAULTS,
                RetryPolicy.builder().retryOnFailures(FailureKind.values()).build(),
                RetryPolicy.builder().retryOnFailures().build())) {
            ClientSetup setup = (ClientSetup) Class.forName(module.setupClass()).getDeclaredConstructor().newInstance();
            RetryEngine engine = new RetryEngine(policy, Clock.SYSTEM, RandomSource.THREAD_LOCAL, CallListener.NOOP);
            setup.install(module, engine, clientOf(module), (wovenClass, bridge) -> null);
            for (TypeWeave weave : setup.weaves(policy)) {
                if (ClassLoader.getSystemResource(weave.internalName() + ".class") == null) {
                    continue; // another release's name (OkHttp 4+ moved RealCall): the release on the class path is checked
                }
                byte[] original = bytesOf(weave.internalName());
                byte[] woven = Weaver.weave(original, weave);
                assertNotEquals(Arrays.hashCode(original), Arrays.hashCode(woven), weave.className() + " is woven at all");
                assertEquals(shape(original), shape(woven), weave.className() + " keeps its shape");
                checked++;
            }
        }
        assertFalse(checked == 0, "some class checked");
    }

    /** Everything about a class that retransformation may not change, one line each. */
    private static List<String> shape(byte[] classFile) {
        List<String> lines = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                lines.add("class " + access + " " + name + " extends " + superName + " implements " + Arrays.toString(interfaces));
            }

            @Override
            public void visitNestHost(String nestHost) {
                lines.add("nest host " + nestHost);
            }

            @Override
            public void visitNestMember(String nestMember) {
                lines.add("nest member " + nestMember);
            }

            @Override
            public void visitPermittedSubclass(String permittedSubclass) {
                lines.add("permits " + permittedSubclass);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                lines.add("field " + access + " " + name + " " + descriptor);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                lines.add("method " + access + " " + name + descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return lines;
    }

    private static byte[] bytesOf(String internalName) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName + " on the test class path");
            return in.readAllBytes();
        }
    }

    private static Client clientOf(ClientModule module) {
        return Client.named(module.label());
    }
}
