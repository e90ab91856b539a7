package io.jnetlink.nft.expr;

import io.jnetlink.core.codec.AttrNames;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;

/**
 * {@code log [prefix P] [level L] [group G] [flags F]}: logs the packet to the kernel log, or to
 * an nflog group. Absent parts are -1 (numbers) or null (prefix).
 *
 * @param prefix the text before each log line, or null
 * @param level  the syslog level 0..7 (8 = audit), or -1
 * @param group  the nflog group 0..65535, or -1 (the kernel log instead)
 * @param flags  NF_LOG_* flags (tcp sequence, options, ip options, uid, mac), or 0
 */
public record Log(String prefix, int level, int group, int flags) implements Expression {
    // enum nft_log_attributes
    static final int NFTA_LOG_GROUP = 1;
    static final int NFTA_LOG_PREFIX = 2;
    static final int NFTA_LOG_SNAPLEN = 3;
    static final int NFTA_LOG_QTHRESHOLD = 4;
    static final int NFTA_LOG_LEVEL = 5;
    static final int NFTA_LOG_FLAGS = 6;
    static final AttrNames NAMES = AttrNames.table("NFTA_LOG", null, "NFTA_LOG_GROUP", "NFTA_LOG_PREFIX",
            "NFTA_LOG_SNAPLEN", "NFTA_LOG_QTHRESHOLD", "NFTA_LOG_LEVEL", "NFTA_LOG_FLAGS");
    static final Codec<Log> CODEC = Codec.of("log", Log.class, NAMES, Log::decode, Log::writeData);

    /** Checks the components. */
    public Log {
        if (prefix != null && (prefix.isEmpty() || prefix.indexOf('\0') >= 0 || prefix.length() > 127)) {
            throw new IllegalArgumentException("log prefix must be 1..127 characters without NUL, got '" + prefix + "'");
        }
        if (level < -1 || level > 8) {
            throw new IllegalArgumentException("log level " + level + " out of range 0..8");
        }
        if (group < -1 || group > 0xFFFF) {
            throw new IllegalArgumentException("log group " + group + " out of range 0..65535");
        }
        if (group >= 0 && level >= 0) {
            throw new IllegalArgumentException("log: a level applies to the kernel log, not to an nflog group");
        }
    }

    @Override
    public String kind() {
        return CODEC.kind;
    }

    void writeData(MessageWriter w) {
        if (prefix != null) {
            w.attrString(NFTA_LOG_PREFIX, prefix);
        }
        if (group >= 0) {
            w.attrU16Be(NFTA_LOG_GROUP, group);
        }
        if (level >= 0) {
            w.attrU32Be(NFTA_LOG_LEVEL, level);
        }
        if (flags != 0) {
            w.attrU32Be(NFTA_LOG_FLAGS, flags);
        }
    }

    static Log decode(AttributeCursor a) {
        String prefix = null;
        int level = -1;
        int group = -1;
        int flags = 0;
        while (a.next()) {
            switch (a.type()) {
                case NFTA_LOG_PREFIX -> prefix = a.string();
                case NFTA_LOG_GROUP -> group = a.u16be();
                case NFTA_LOG_LEVEL -> level = a.u32be();
                case NFTA_LOG_FLAGS -> flags = a.u32be();
                case NFTA_LOG_SNAPLEN, NFTA_LOG_QTHRESHOLD -> {
                    if ((a.length() == 4 ? a.u32be() : a.u16be()) != 0) {
                        throw Wire.NOT_MODELED;
                    }
                }
                default -> throw Wire.NOT_MODELED;
            }
        }
        try {
            return new Log(prefix, level, group, flags);
        } catch (IllegalArgumentException e) {
            throw Wire.NOT_MODELED;
        }
    }
}
