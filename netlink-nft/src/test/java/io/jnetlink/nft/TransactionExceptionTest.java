package io.jnetlink.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jnetlink.core.Errno;
import io.jnetlink.core.NetlinkException;
import io.jnetlink.core.PermissionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused transaction keeps the kernel's text and the library's explanation in their own fields. */
class TransactionExceptionTest {
    @Test
    void theFirstRefusalsDetailIsCarriedOverNotDropped() {
        NetlinkException perm = new PermissionException("add table", 1, null, -1, 7, PermissionException.NET_ADMIN);
        TransactionException.Failure first = new TransactionException.Failure(0, "add table inet t", perm, null);
        TransactionException e = new TransactionException(first, List.of(first), 1);
        assertNull(e.extAckMessage(), "the kernel said nothing");
        assertEquals(perm.detail(), e.detail());
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
        assertFalse(e.getMessage().contains("kernel says"), e.getMessage());
    }

    @Test
    void theKernelsTextStaysTheExtAckAndTheLibrarysPartsTheDetail() {
        NetlinkException kernel = NetlinkException.of("add rule", Errno.ENOENT.value(), "No such file or directory here", 28, 9);
        NetlinkException mine = new NetlinkException("add chain", Errno.EINVAL, "the library's own reason");
        TransactionException.Failure a = new TransactionException.Failure(1, "add rule in inet t c", kernel, "NFTA_RULE_CHAIN");
        TransactionException.Failure b = new TransactionException.Failure(2, "add chain inet t d", mine, null);
        TransactionException e = new TransactionException(a, List.of(a, b), 3);
        assertEquals("No such file or directory here", e.extAckMessage());
        assertEquals(28, e.extAckOffset());
        assertEquals("the kernel points at NFTA_RULE_CHAIN; 1 more call(s) refused: [#3 add chain inet t d: EINVAL]",
                e.detail());

        TransactionException m = new TransactionException(b, List.of(b), 3);
        assertNull(m.extAckMessage());
        assertEquals("the library's own reason", m.detail());
    }
}
