package io.jnetlink.rtnl.tc;

import io.jnetlink.core.MalformedMessageException;
import io.jnetlink.core.codec.AttributeCursor;
import io.jnetlink.core.codec.MessageWriter;
import java.util.Objects;

/**
 * {@code police}: a token-bucket rate limit with a verdict for traffic over it ({@code tc ...
 * action police rate 1mbit burst 10k conform-exceed drop/ok}). Written as tc writes it
 * ({@code linux/pkt_cls.h}): TCA_POLICE_TBF ({@code struct tc_police}, the burst as a transmit
 * time in scheduler ticks, the exceed verdict in {@code action}), the rate table TCA_POLICE_RATE,
 * TCA_POLICE_RATE64 for rates of 2^32 bytes/s or more.
 *
 * @param rate    the rate
 * @param burst   the bucket's size in bytes
 * @param exceed  the verdict for packets over the rate (TC_ACT_*, tc's default is reclassify)
 * @param conform the verdict for packets within it (TC_ACT_*; TC_ACT_OK is tc's default and is not written)
 */
public record Police(Rate rate, long burst, int exceed, int conform) implements Action {
    static final String KIND = "police";
    static final int TCA_POLICE_TBF = 1;
    static final int TCA_POLICE_RATE = 2;
    static final int TCA_POLICE_RESULT = 5;
    static final int TCA_POLICE_RATE64 = 8;
    /** sizeof(struct tc_police). */
    static final int TBF_LEN = 56;

    /** Checks the burst. */
    public Police {
        Objects.requireNonNull(rate, "rate");
        if (burst <= 0 || burst > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("police burst must be 1..4294967295 bytes, got " + burst);
        }
    }

    /**
     * Police to {@code rate} with a bucket of {@code burst} bytes, dropping what exceeds it, passing the rest.
     *
     * @param burst the bucket in bytes
     * @param rate the rate
     * @return the action
     */
    public static Police rate(Rate rate, long burst) {
        return new Police(rate, burst, TC_ACT_SHOT, TC_ACT_OK);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void writeOptions(MessageWriter w) {
        long r = rate.bytesPerSecond();
        int cellLog = Psched.cellLog(0);
        w.nest(TCA_POLICE_TBF, p -> {
            p.u32(0).u32(exceed).u32(0).u32((int) Psched.xmittime(Psched.rate32(r) & 0xFFFF_FFFFL, burst)).u32(0);
            Psched.ratespec(p, r, cellLog, 0);
            p.zeros(12).u32(0).u32(0).u32(0);
        });
        Psched.rtab(w, TCA_POLICE_RATE, r, cellLog, 0);
        if (conform != TC_ACT_OK) {
            w.attrU32(TCA_POLICE_RESULT, conform);
        }
        if (r >= 0x1_0000_0000L) {
            w.attrU64(TCA_POLICE_RATE64, r);
        }
    }

    static Police decode(AttributeCursor options) {
        if (options == null) {
            throw new MalformedMessageException("TCA_ACT_OPTIONS", 0, "police without options");
        }
        Struct t = null;
        long rate64 = 0;
        int conform = TC_ACT_OK;
        AttributeCursor a = options.nested(Tca.optionNames(KIND));
        while (a.next()) {
            switch (a.type()) {
                case TCA_POLICE_TBF -> t = Struct.of(a, TBF_LEN, "struct tc_police");
                case TCA_POLICE_RATE64 -> rate64 = a.u64();
                case TCA_POLICE_RESULT -> conform = a.u32();
                default -> { }
            }
        }
        if (t == null) {
            throw options.malformed("police without TCA_POLICE_TBF");
        }
        long rate = rate64 != 0 ? rate64 : t.u32(28);
        if (rate <= 0) {
            throw options.malformed("police rate " + Long.toUnsignedString(rate) + " out of range");
        }
        long burst = Math.max(1, Psched.xmitsize(rate, t.u32(12)));
        return new Police(new Rate(rate), burst, t.s32(4), conform);
    }
}
