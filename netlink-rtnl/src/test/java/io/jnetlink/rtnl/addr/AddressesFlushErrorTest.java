package io.jnetlink.rtnl.addr;

import static io.jnetlink.core.testing.KernelReplies.data;
import static io.jnetlink.core.testing.KernelReplies.datagram;
import static io.jnetlink.core.testing.KernelReplies.done;
import static io.jnetlink.core.testing.KernelReplies.error;
import static io.jnetlink.core.testing.KernelReplies.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.PermissionException;
import io.jnetlink.core.codec.Netlink;
import io.jnetlink.core.socket.NetlinkSocket;
import io.jnetlink.core.testing.ScriptedTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delete refused during {@code flush} is reported as part of the flush, keeping what the kernel
 * said (errno, extended-ACK text and offset) apart from what the library adds ({@code detail()}).
 */
class AddressesFlushErrorTest {
    private static final int RTM_NEWADDR = 20;

    /** Answers the dump with one IPv4 address 10.0.0.1/24 on link 3, and the delete with {@code errno}. */
    private static ScriptedTransport kernel(int errno, String extAck) {
        return new ScriptedTransport(sent -> {
            int seq = sequences(sent).get(0);
            int type = java.nio.ByteBuffer.wrap(sent).order(java.nio.ByteOrder.nativeOrder()).getShort(4);
            if (type == 22) { // RTM_GETADDR: the dump
                byte[] addr = data(seq, RTM_NEWADDR, Netlink.NLM_F_MULTI, w -> {
                    w.u8(2).u8(24).u8(0).u8(0).u32(3); // ifaddrmsg: AF_INET, /24, flags, scope, ifindex 3
                    w.attrBytes(1, new byte[] {10, 0, 0, 1});
                    w.attrBytes(2, new byte[] {10, 0, 0, 1});
                });
                return List.of(datagram(addr, done(seq, 0)));
            }
            return List.of(error(seq, errno, extAck, extAck != null ? 24 : -1));
        });
    }

    @Test
    void aRefusedDeleteKeepsTheKernelsTextAndTheCause() {
        try (NetlinkSocket s = NetlinkSocket.over(kernel(Errno.EINVAL.value(), "Invalid prefix"), 0)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> new Addresses(s).flush(3));
            assertEquals("flush addresses of link 3: delete 10.0.0.1/24", e.operation());
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("Invalid prefix", e.extAckMessage());
            assertEquals(24, e.extAckOffset());
            assertNull(e.detail(), "the library added nothing");
            assertInstanceOf(NetlinkException.class, e.getCause(), "the refusal as the socket reported it");
        }
    }

    @Test
    void aRefusedDeleteKeepsTheLibrarysDetailOutOfTheExtAck() {
        try (NetlinkSocket s = NetlinkSocket.over(kernel(Errno.EPERM.value(), null), 0)) {
            NetlinkException e = assertThrows(NetlinkException.class, () -> new Addresses(s).flush(3));
            PermissionException p = assertInstanceOf(PermissionException.class, e);
            assertNull(p.extAckMessage(), "the kernel said nothing");
            assertTrue(p.detail().contains("CAP_NET_ADMIN"), p.detail());
            assertEquals(((NetlinkException) p.getCause()).detail(), p.detail());
        }
    }
}
