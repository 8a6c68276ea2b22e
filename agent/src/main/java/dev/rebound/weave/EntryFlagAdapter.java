package dev.rebound.weave;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** Weaves an {@link EntryFlag}: {@code if (Hook.name(<args>)) this.field = true;} before the original code. */
final class EntryFlagAdapter extends MethodVisitor implements Opcodes {
    private final String owner;
    private final String methodDescriptor;
    private final EntryFlag spec;
    private final String fieldName;

    /** @param fieldName the one of the spec's field names that the class declares */
    EntryFlagAdapter(MethodVisitor target, String owner, String methodDescriptor, EntryFlag spec, String fieldName) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.methodDescriptor = methodDescriptor;
        this.spec = spec;
        this.fieldName = fieldName;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label skip = new Label();
        for (HookArg arg : spec.args) {
            arg.load(mv, owner, methodDescriptor);
        }
        super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.hookName, spec.hookDescriptor(), false);
        super.visitJumpInsn(IFEQ, skip);
        super.visitVarInsn(ALOAD, 0);
        super.visitInsn(ICONST_1);
        super.visitFieldInsn(PUTFIELD, owner, fieldName, "Z");
        super.visitLabel(skip);
        Object[] locals = Frames.initialLocals(owner, methodDescriptor);
        super.visitFrame(F_FULL, locals.length, locals, 0, null);
        // The original code may start with a frame of its own; two frames may not share an offset.
        super.visitInsn(NOP);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(Math.max(maxStack, Math.max(2, HookArg.stackSize(spec.args) + 1)), maxLocals);
    }
}
