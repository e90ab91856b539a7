package io.jnetlink.rtnl.tc;

import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@code bpf}: classifies with a BPF program, either classic BPF bytecode given inline ({@code tc
 * filter add dev X ingress bpf bytecode '1,6 0 0 4294967295,' flowid 1:1}) or an eBPF program by
 * file descriptor (what {@code tc ... bpf object-pinned PATH} sends after opening the pin).
 * Written as tc writes it ({@code linux/pkt_cls.h}): TCA_BPF_CLASSID, then TCA_BPF_OPS_LEN and
 * TCA_BPF_OPS ({@code struct sock_filter}[]) or TCA_BPF_FD and TCA_BPF_NAME, then TCA_BPF_FLAGS for
 * direct action, then the actions.
 *
 * @param classid      the class to put matching packets in, or null
 * @param ops          classic BPF instructions, 8 bytes each ({@code code} u16, {@code jt}, {@code jf}, {@code k} u32), or null
 * @param fd           an eBPF program's descriptor in this process (only to send), or -1
 * @param name         the eBPF program's name, or null
 * @param directAction whether the program's return value is the verdict (tc's {@code da})
 * @param actions      actions to run on a match
 * @param programId    read back only: the kernel's id of the eBPF program, or 0
 */
public record Bpf(Handle classid, byte[] ops, int fd, String name, boolean directAction, List<Action> actions,
                  int programId) implements FilterKind {
    static final String KIND = "bpf";
    static final int TCA_BPF_ACT = 1;
    static final int TCA_BPF_CLASSID = 3;
    static final int TCA_BPF_OPS_LEN = 4;
    static final int TCA_BPF_OPS = 5;
    static final int TCA_BPF_FD = 6;
    static final int TCA_BPF_NAME = 7;
    static final int TCA_BPF_FLAGS = 8;
    static final int TCA_BPF_ID = 11;
    static final int TCA_BPF_FLAG_ACT_DIRECT = 1;

    /** Copies the arrays and lists; checks there is one program. */
    public Bpf {
        actions = List.copyOf(actions);
        ops = ops == null ? null : ops.clone();
        if (ops != null && (ops.length == 0 || ops.length % 8 != 0 || ops.length / 8 > 0xFFFF)) {
            throw new IllegalArgumentException("classic BPF needs 1..65535 instructions of 8 bytes, got "
                    + ops.length + " bytes");
        }
    }

    /**
     * Classic BPF from tc's bytecode notation: the count, then {@code code jt jf k} per
     * instruction, separated by commas ({@code "1,6 0 0 4294967295,"}, what {@code tcpdump -ddd}
     * prints with commas).
     *
     * @param text tc's bytecode notation
     * @return the classifier
     */
    public static Bpf bytecode(String text) {
        String[] parts = text.strip().split(",");
        int n;
        try {
            n = Integer.parseInt(parts[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BPF bytecode starts with the instruction count: \"" + text + "\"");
        }
        if (n <= 0 || parts.length - 1 < n) {
            throw new IllegalArgumentException("BPF bytecode announces " + n + " instructions but holds "
                    + (parts.length - 1) + ": \"" + text + "\"");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n * 8).order(java.nio.ByteOrder.nativeOrder());
        for (int i = 1; i <= n; i++) {
            String[] f = parts[i].strip().split("\\s+");
            if (f.length != 4) {
                throw new IllegalArgumentException("BPF instruction " + i + " is not \"code jt jf k\": \"" + parts[i]
                        + "\"");
            }
            b.putShort((short) Integer.parseInt(f[0])).put((byte) Integer.parseInt(f[1]))
                    .put((byte) Integer.parseInt(f[2])).putInt((int) Long.parseLong(f[3]));
        }
        return new Bpf(null, b.array(), -1, null, false, List.of(), 0);
    }

    /**
     * {@return an eBPF program by its descriptor (open in this process) and name, with direct action}
     *
     * @param fd the program descriptor
     * @param name the program name
     */
    public static Bpf program(int fd, String name) {
        if (fd < 0) {
            throw new IllegalArgumentException("a BPF program descriptor must not be negative, got " + fd);
        }
        return new Bpf(null, null, fd, Objects.requireNonNull(name, "name"), true, List.of(), 0);
    }

    /**
     * {@return a builder holding this classifier's values, to change and {@link Builder#build()} into a
     * new one (the program itself comes from {@link #bytecode(String)} or {@link #program(int, String)})}
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same putting matching packets in class {@code c}.
     *
     * @param c the class
     * @return a copy with it
     */
    public Bpf flowid(Handle c) {
        return toBuilder().flowid(c).build();
    }

    /** {@return the instructions (a copy), or null} */
    @Override
    public byte[] ops() {
        return ops == null ? null : ops.clone();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        if (ops == null && fd < 0) {
            throw new IllegalArgumentException("a bpf filter needs bytecode or a program descriptor");
        }
        w.nest(Tca.TCA_OPTIONS, o -> {
            if (classid != null) {
                o.attrU32(TCA_BPF_CLASSID, classid.value());
            }
            if (ops != null) {
                o.attrU16(TCA_BPF_OPS_LEN, ops.length / 8);
                o.attrBytes(TCA_BPF_OPS, ops);
            } else {
                o.attrU32(TCA_BPF_FD, fd);
                o.attrString(TCA_BPF_NAME, name);
            }
            if (directAction) {
                o.attrU32(TCA_BPF_FLAGS, TCA_BPF_FLAG_ACT_DIRECT);
            }
            if (!actions.isEmpty()) {
                Action.writeAll(o, TCA_BPF_ACT, actions);
            }
        });
    }

    static Bpf decode(AttributeCursor options) {
        Handle classid = null;
        byte[] ops = null;
        String name = null;
        boolean da = false;
        List<Action> actions = new ArrayList<>();
        int id = 0;
        if (options != null) {
            AttributeCursor a = options.nested(Tca.optionNames(KIND));
            while (a.next()) {
                switch (a.type()) {
                    case TCA_BPF_CLASSID -> classid = new Handle(a.u32());
                    case TCA_BPF_OPS -> ops = a.bytes();
                    case TCA_BPF_NAME -> name = a.string();
                    case TCA_BPF_FLAGS -> da = (a.u32() & TCA_BPF_FLAG_ACT_DIRECT) != 0;
                    case TCA_BPF_ID -> id = a.u32();
                    case TCA_BPF_ACT -> actions = Action.readAll(a);
                    default -> { } // ops_len (implied by ops), tag, gen flags
                }
            }
        }
        if (ops != null && (ops.length == 0 || ops.length % 8 != 0 || ops.length / 8 > 0xFFFF)) {
            throw options.malformed("TCA_BPF_OPS of " + ops.length + " bytes is no list of instructions");
        }
        return new Bpf(classid, ops, -1, name, da, actions, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bpf b && Objects.equals(b.classid, classid) && Arrays.equals(b.ops, ops) && b.fd == fd
                && Objects.equals(b.name, name) && b.directAction == directAction && b.actions.equals(actions)
                && b.programId == programId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classid, Arrays.hashCode(ops), fd, name, directAction, actions, programId);
    }

    @Override
    public String toString() {
        return "Bpf[" + (ops != null ? "ops " + HexFormat.of().formatHex(ops) : "program " + name + " fd " + fd)
                + (classid != null ? " flowid " + classid : "") + (directAction ? " da" : "")
                + (actions.isEmpty() ? "" : " " + actions) + "]";
    }

    /**
     * Builds a {@link Bpf} from one made by {@link #bytecode(String)} or {@link #program(int,
     * String)}; {@link #build()} checks the values (the record's constructor). A builder is not
     * thread-safe; the classifiers it builds are immutable.
     */
    public static final class Builder {
        private Handle classid;
        private final byte[] ops;
        private final int fd;
        private final String name;
        private final boolean directAction;
        private final List<Action> actions = new ArrayList<>();
        private final int programId;

        private Builder(Bpf b) {
            classid = b.classid;
            ops = b.ops;
            fd = b.fd;
            name = b.name;
            directAction = b.directAction;
            actions.addAll(b.actions);
            programId = b.programId;
        }

        /**
         * Puts matching packets in class {@code c}.
         *
         * @param c the class, or null for none
         * @return this builder
         */
        public Builder flowid(Handle c) {
            classid = c;
            return this;
        }

        /**
         * Runs {@code a} too on a match, after the actions given before.
         *
         * @param a the action
         * @return this builder
         */
        public Builder action(Action a) {
            actions.add(a);
            return this;
        }

        /** {@return the classifier these values make, checked} */
        public Bpf build() {
            return new Bpf(classid, ops, fd, name, directAction, actions, programId);
        }
    }
}
