package dev.rebound.weave;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.List;

/**
 * Weaves the {@link ArgumentFilter}s (at the entry, in order) and the {@link ReturnFilter} (at each
 * {@code ARETURN}) of one method. Only straight-line code is inserted and no local is added, so the
 * method's own stack map frames need no change.
 */
final class FilterAdapter extends MethodVisitor implements Opcodes {
    private final String owner;
    private final String methodDescriptor;
    private final List<ArgumentFilter> argumentFilters;
    private final ReturnFilter returnFilter;

    FilterAdapter(MethodVisitor target, String owner, String methodDescriptor,
                  List<ArgumentFilter> argumentFilters, ReturnFilter returnFilter) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.methodDescriptor = methodDescriptor;
        this.argumentFilters = argumentFilters;
        this.returnFilter = returnFilter;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (ArgumentFilter filter : argumentFilters) {
            for (HookArg arg : filter.args) {
                arg.load(mv, owner, methodDescriptor);
            }
            super.visitMethodInsn(INVOKESTATIC, filter.hookOwner, filter.hookName, filter.hookDescriptor(), false);
            super.visitTypeInsn(CHECKCAST, filter.paramType().getInternalName());
            super.visitVarInsn(ASTORE, filter.paramSlot());
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == ARETURN && returnFilter != null) {
            for (HookArg arg : returnFilter.args) {
                arg.load(mv, owner, methodDescriptor);
            }
            super.visitMethodInsn(INVOKESTATIC, returnFilter.hookOwner, returnFilter.hookName,
                    returnFilter.hookDescriptor(), false);
            super.visitTypeInsn(CHECKCAST, returnFilter.returnInternalName());
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        int extra = 0;
        for (ArgumentFilter filter : argumentFilters) {
            extra = Math.max(extra, HookArg.stackSize(filter.args) + 1);
        }
        if (returnFilter != null) {
            // Under the returned value, which may sit on top of whatever the method's deepest stack was.
            extra = Math.max(extra, HookArg.stackSize(returnFilter.args) + 2);
        }
        super.visitMaxs(maxStack + extra, maxLocals);
    }
}
