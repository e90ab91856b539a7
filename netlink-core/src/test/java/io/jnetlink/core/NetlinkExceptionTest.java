package io.jnetlink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.socket.ReceiveTruncatedException;
import org.junit.jupiter.api.Test;

/** The kernel's extended-ACK text and the library's own explanation stay in separate fields. */
class NetlinkExceptionTest {

    @Test
    void libraryLookupFailureIsADetailNotAKernelMessage() {
        NoSuchDeviceException e = NoSuchDeviceException.named("delete link eth9", "eth9");
        assertNull(e.extAckMessage(), "the kernel said nothing");
        assertEquals("no link named \"eth9\"", e.detail());
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("delete link eth9: No such device (ENODEV); no link named \"eth9\"", e.getMessage());
    }

    @Test
    void kernelTextAndDetailAreBothShownAndKeptApart() {
        NetlinkException kernel = NetlinkException.of("create link veth0", -17, "Link already exists", 32, 5);
        assertEquals("Link already exists", kernel.extAckMessage());
        assertNull(kernel.detail());

        PermissionException p = new PermissionException("create link veth0", 1, "Operation not permitted here",
                -1, 5, PermissionException.NET_ADMIN);
        assertEquals("Operation not permitted here", p.extAckMessage());
        assertTrue(p.detail().contains("CAP_NET_ADMIN"), p.detail());
        assertTrue(p.getMessage().contains("kernel says: Operation not permitted here"), p.getMessage());
        assertTrue(p.getMessage().contains("CAP_NET_ADMIN"), p.getMessage());
    }

    @Test
    void theLibrarysOwnExceptionsUseTheDetailField() {
        NetlinkException[] mine = {
            new NetlinkException("get route to 10.9.9.9", Errno.ENETUNREACH, "the kernel answered with no route"),
            new NoSuchDeviceException("get link 9", "no link with index 9"),
            new AlreadyExistsException("create namespace red", "a namespace named \"red\" exists already"),
            new NoSuchNamespaceException("open namespace red", "no namespace named \"red\""),
            new NetlinkTimeoutException("get link 9", 7),
            new OverrunException("receive events"),
            new DumpInterruptedException("dump links", 5, 7),
            new ReceiveTruncatedException("dump links", 70000, 65536),
        };
        for (NetlinkException e : mine) {
            assertNull(e.extAckMessage(), e.getClass().getSimpleName() + ": " + e.getMessage());
            assertTrue(e.detail() != null && e.getMessage().endsWith(e.detail())
                            || e.getMessage().contains(e.detail() + " (seq"),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            assertTrue(!e.getMessage().contains("kernel says"), e.getMessage());
        }
    }

    @Test
    void withOperationKeepsTheKernelsTextAndTheLibrarysDetailApart() {
        NetlinkException kernel = NetlinkException.of("delete address", -22, "Invalid prefix", 40, 9);
        NetlinkException again = kernel.withOperation("flush addresses of link 3: delete 10.0.0.1/24");
        assertEquals("flush addresses of link 3: delete 10.0.0.1/24", again.operation());
        assertEquals(Errno.EINVAL, again.errno());
        assertEquals("Invalid prefix", again.extAckMessage());
        assertEquals(40, again.extAckOffset());
        assertEquals(9, again.sequence());
        assertNull(again.detail());
        assertSame(kernel, again.getCause());

        NetlinkException mine = new NetlinkException("get route to 10.9.9.9", Errno.ENETUNREACH,
                "the kernel answered with no route");
        NetlinkException reworded = mine.withOperation("check 10.9.9.9");
        assertEquals("the kernel answered with no route", reworded.detail());
        assertNull(reworded.extAckMessage());
        assertTrue(reworded.getMessage().endsWith("; the kernel answered with no route"), reworded.getMessage());

        NoSuchDeviceException named = NoSuchDeviceException.named("delete link eth9", "eth9");
        NetlinkException n = named.withOperation("tear down eth9");
        assertInstanceOf(NoSuchDeviceException.class, n);
        assertEquals("no link named \"eth9\"", n.detail());
        assertNull(n.extAckMessage());

        PermissionException p = new PermissionException("create namespace red", 1, null, -1, 0,
                PermissionException.SYS_ADMIN);
        NetlinkException q = p.withOperation("set up red");
        assertEquals(PermissionException.SYS_ADMIN, assertInstanceOf(PermissionException.class, q).capability());
        assertEquals(p.detail(), q.detail());
    }
}
