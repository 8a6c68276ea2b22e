package dev.rebound.agent.weave;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** Weaves an {@link EntryFlag}: {@code if (Hook.name()) this.field = true;} before the original code. */
final class EntryFlagAdapter extends MethodVisitor implements Opcodes {
    private final String owner;
    private final String methodDescriptor;
    private final EntryFlag spec;

    EntryFlagAdapter(MethodVisitor target, String owner, String methodDescriptor, EntryFlag spec) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.methodDescriptor = methodDescriptor;
        this.spec = spec;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label skip = new Label();
        super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.hookName, "()Z", false);
        super.visitJumpInsn(IFEQ, skip);
        super.visitVarInsn(ALOAD, 0);
        super.visitInsn(ICONST_1);
        super.visitFieldInsn(PUTFIELD, owner, spec.fieldName, "Z");
        super.visitLabel(skip);
        Object[] locals = Frames.initialLocals(owner, methodDescriptor);
        super.visitFrame(F_FULL, locals.length, locals, 0, null);
        // The original code may start with a frame of its own; two frames may not share an offset.
        super.visitInsn(NOP);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, 2), maxLocals);
    }
}
