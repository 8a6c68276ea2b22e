package dev.rebound.weave;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves a {@link RetryLoop} into one method. Layout of the result:
 * <pre>
 * start:   [frame: this, params]  enter(args)
 * body:    original code, each xRETURN replaced by: ret = value; thrown = null; goto exit
 * handler: [frame: this, params | Throwable]  thrown = t; ret = null      (catch-all, last in the table)
 * exit:    [frame: this, params, TOP.., ret, thrown]  if (exit(this, ret, thrown, exitArgs)) {
 *              fields = null; if (field != null) field.reset(); goto start }
 *          if (thrown != null) throw thrown; return ret;
 * </pre>
 * Frames are given in full at inserted labels, and the one at {@code start} equals the implicit first
 * frame, so the original (compressed) frames keep their meaning.
 */
final class RetryLoopAdapter extends MethodVisitor implements Opcodes {
    private final String owner;
    private final RetryLoop spec;
    private final boolean returnsVoid;
    private final Type returnType;
    private final Object[] initialLocals;
    private final int initialSlots;
    private final Label start = new Label();
    private final Label tryStart = new Label();
    private final Label tryEnd = new Label();
    private final Label handler = new Label();
    private final Label exit = new Label();
    private final Label done = new Label();
    private final Label normalReturn = new Label();
    private final int retSlot;
    private final int thrownSlot;
    private boolean sawReturn;

    /** @param originalMaxLocals from a first pass: the inserted locals go above the original ones */
    RetryLoopAdapter(MethodVisitor target, String owner, RetryLoop spec, int originalMaxLocals) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.spec = spec;
        this.returnType = Type.getReturnType(spec.methodDescriptor);
        this.returnsVoid = returnType.getSort() == Type.VOID;
        this.initialLocals = Frames.initialLocals(owner, spec.methodDescriptor);
        this.initialSlots = Frames.initialSlots(spec.methodDescriptor);
        this.retSlot = originalMaxLocals;
        this.thrownSlot = returnsVoid ? originalMaxLocals : originalMaxLocals + 1;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        super.visitLabel(start);
        super.visitFrame(F_FULL, initialLocals.length, initialLocals, 0, null);
        for (HookArg arg : spec.enterArgs) {
            arg.load(mv, owner, spec.methodDescriptor);
        }
        super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.enterName, spec.enterDescriptor(), false);
        super.visitLabel(tryStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= IRETURN && opcode <= RETURN) {
            sawReturn = true;
            if (opcode != RETURN) {
                super.visitVarInsn(ASTORE, retSlot);
            }
            super.visitInsn(ACONST_NULL);
            super.visitVarInsn(ASTORE, thrownSlot);
            super.visitJumpInsn(GOTO, exit);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitLabel(tryEnd);
        super.visitLabel(handler);
        super.visitFrame(F_FULL, initialLocals.length, initialLocals, 1, new Object[] {"java/lang/Throwable"});
        super.visitVarInsn(ASTORE, thrownSlot);
        if (!returnsVoid) {
            super.visitInsn(ACONST_NULL);
            super.visitVarInsn(ASTORE, retSlot);
        }
        Object[] exitLocals = returnsVoid
                ? Frames.withExtras(initialLocals, initialSlots, thrownSlot, "java/lang/Throwable")
                : Frames.withExtras(initialLocals, initialSlots, retSlot, "java/lang/Object", "java/lang/Throwable");
        super.visitLabel(exit);
        super.visitFrame(F_FULL, exitLocals.length, exitLocals, 0, null);
        super.visitVarInsn(ALOAD, 0);
        if (returnsVoid) {
            super.visitInsn(ACONST_NULL);
        } else {
            super.visitVarInsn(ALOAD, retSlot);
        }
        super.visitVarInsn(ALOAD, thrownSlot);
        for (HookArg arg : spec.exitArgs) {
            arg.load(mv, owner, spec.methodDescriptor);
        }
        super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.exitName, spec.exitDescriptor(), false);
        super.visitJumpInsn(IFEQ, done);
        for (int i = 0; i < spec.resetFields.length; i += 2) {
            super.visitVarInsn(ALOAD, 0);
            super.visitInsn(ACONST_NULL);
            super.visitFieldInsn(PUTFIELD, owner, spec.resetFields[i], spec.resetFields[i + 1]);
        }
        for (int i = 0; i < spec.resetCalls.length; i += 3) {
            String field = spec.resetCalls[i];
            String descriptor = spec.resetCalls[i + 1];
            Label next = new Label();
            super.visitVarInsn(ALOAD, 0);
            super.visitFieldInsn(GETFIELD, owner, field, descriptor);
            super.visitJumpInsn(IFNULL, next);
            super.visitVarInsn(ALOAD, 0);
            super.visitFieldInsn(GETFIELD, owner, field, descriptor);
            super.visitMethodInsn(INVOKEVIRTUAL, Type.getType(descriptor).getInternalName(), spec.resetCalls[i + 2], "()V", false);
            super.visitLabel(next);
            super.visitFrame(F_FULL, exitLocals.length, exitLocals, 0, null);
        }
        if (spec.rerunPairs != null) {
            String field = spec.rerunPairs[0];
            String descriptor = spec.rerunPairs[1];
            String hook = "(I)Ljava/lang/String;";
            for (int i = 0; i < spec.rerunPairCount; i++) {
                Label next = new Label();
                super.visitInsn(ICONST_0 + i);
                super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.rerunPairs[3], hook, false);
                super.visitJumpInsn(IFNULL, next);
                super.visitVarInsn(ALOAD, 0);
                super.visitFieldInsn(GETFIELD, owner, field, descriptor);
                super.visitInsn(ICONST_0 + i);
                super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.rerunPairs[3], hook, false);
                super.visitInsn(ICONST_0 + i);
                super.visitMethodInsn(INVOKESTATIC, spec.hookOwner, spec.rerunPairs[4], hook, false);
                super.visitMethodInsn(INVOKEVIRTUAL, Type.getType(descriptor).getInternalName(), spec.rerunPairs[2],
                        "(Ljava/lang/String;Ljava/lang/String;)V", false);
                super.visitLabel(next);
                super.visitFrame(F_FULL, exitLocals.length, exitLocals, 0, null);
            }
        }
        super.visitJumpInsn(GOTO, start);
        super.visitLabel(done);
        super.visitFrame(F_FULL, exitLocals.length, exitLocals, 0, null);
        super.visitVarInsn(ALOAD, thrownSlot);
        super.visitJumpInsn(IFNULL, normalReturn);
        super.visitVarInsn(ALOAD, thrownSlot);
        super.visitInsn(ATHROW);
        super.visitLabel(normalReturn);
        super.visitFrame(F_FULL, exitLocals.length, exitLocals, 0, null);
        if (returnsVoid) {
            super.visitInsn(RETURN);
        } else {
            super.visitVarInsn(ALOAD, retSlot);
            super.visitTypeInsn(CHECKCAST, returnType.getInternalName());
            super.visitInsn(ARETURN);
        }
        // Last in the exception table, so every handler of the original code keeps precedence.
        super.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/Throwable");
        int hookStack = Math.max(HookArg.stackSize(spec.enterArgs), 3 + HookArg.stackSize(spec.exitArgs));
        super.visitMaxs(Math.max(maxStack, hookStack + 1), thrownSlot + 1);
    }

    boolean sawReturn() {
        return sawReturn;
    }
}
