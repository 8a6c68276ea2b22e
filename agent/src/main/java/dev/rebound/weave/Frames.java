package dev.rebound.weave;

import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** Stack map frame contents for code inserted at a method's edges, where only {@code this} and the parameters are live. */
final class Frames {
    private Frames() {
    }

    /** The implicit first frame: {@code this} and the parameters, as frame entries (long/double count once). */
    static Object[] initialLocals(String owner, String methodDescriptor) {
        Type[] params = Type.getArgumentTypes(methodDescriptor);
        Object[] locals = new Object[params.length + 1];
        locals[0] = owner;
        for (int i = 0; i < params.length; i++) {
            locals[i + 1] = frameType(params[i]);
        }
        return locals;
    }

    /** Slots taken by {@code this} and the parameters. */
    static int initialSlots(String methodDescriptor) {
        int slots = 1;
        for (Type param : Type.getArgumentTypes(methodDescriptor)) {
            slots += param.getSize();
        }
        return slots;
    }

    /** The initial locals, TOP up to {@code firstExtraSlot}, then the extra entries. */
    static Object[] withExtras(Object[] initial, int initialSlots, int firstExtraSlot, Object... extras) {
        int gap = firstExtraSlot - initialSlots;
        Object[] locals = new Object[initial.length + gap + extras.length];
        System.arraycopy(initial, 0, locals, 0, initial.length);
        for (int i = 0; i < gap; i++) {
            locals[initial.length + i] = Opcodes.TOP;
        }
        System.arraycopy(extras, 0, locals, initial.length + gap, extras.length);
        return locals;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }
}
