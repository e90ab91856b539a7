package io.jnetlink.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plugin's pure parts, without a kernel: address text, versions, environment, result shapes. */
class ProtocolUnitTest {
    @Test
    void ipv6TextIsWhatGoPrints() throws Exception {
        assertEquals("fd00::1", Ip.format(InetAddress.getByName("fd00:0:0:0:0:0:0:1")));
        assertEquals("::", Ip.format(InetAddress.getByName("::")));
        assertEquals("2001:db8::1:0:0:1", Ip.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Ip.format(InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("fe80::", Ip.format(InetAddress.getByName("fe80::")));
        assertEquals("10.1.0.1", Ip.format(Ip.firstHost(Ip.prefix("10.1.0.77/24", "x"))));
        assertEquals("fd44::1", Ip.format(Ip.firstHost(Ip.prefix("fd44::9/64", "x"))));
    }

    @Test
    void versions() {
        Versions.check("1.0.0");
        Versions.check("1.1.0");
        CniException e = assertThrows(CniException.class, () -> Versions.check("0.2.0"));
        assertEquals(CniException.INCOMPATIBLE_VERSION, e.code());
        assertEquals(true, Versions.atLeast("1.1.0", "1.0.0"));
        assertEquals(false, Versions.atLeast("0.4.0", "1.0.0"));
    }

    @Test
    void environmentOfEachCommand() {
        assertEquals("VERSION", CniEnv.from(Map.of("CNI_COMMAND", "VERSION")).command());
        CniException e = assertThrows(CniException.class, () -> CniEnv.from(Map.of("CNI_COMMAND", "DEL",
                "CNI_IFNAME", "eth0")));
        assertEquals("required env variables [CNI_CONTAINERID,CNI_PATH] missing", e.getMessage());
        // DEL needs no CNI_NETNS; GC and STATUS need only CNI_PATH.
        CniEnv.from(Map.of("CNI_COMMAND", "DEL", "CNI_CONTAINERID", "c", "CNI_IFNAME", "eth0", "CNI_PATH", "/x"));
        CniEnv.from(Map.of("CNI_COMMAND", "GC", "CNI_PATH", "/x"));
        assertEquals(CniException.INVALID_ENVIRONMENT, assertThrows(CniException.class, () -> CniEnv.from(Map.of(
                "CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c", "CNI_NETNS", "/n", "CNI_IFNAME", "a/b",
                "CNI_PATH", "/x"))).code());
    }

    @Test
    void resultsInTheConfigurationsVersion() {
        Result r = Result.read(Json.parseObject("""
                {"cniVersion": "1.0.0", "ips": [{"address": "10.1.0.2/24", "gateway": "10.1.0.1"},
                                                {"address": "fd00::2/64"}],
                 "routes": [{"dst": "0.0.0.0/0", "mtu": 1400}], "dns": {"nameservers": ["10.1.0.1"]}}
                """.getBytes(StandardCharsets.UTF_8), "test"), "test");
        String v1 = Json.text(r.toJson("1.0.0"));
        assertEquals("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.1.0.2/24\",\"gateway\":\"10.1.0.1\"},"
                + "{\"address\":\"fd00::2/64\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\",\"mtu\":1400}],"
                + "\"dns\":{\"nameservers\":[\"10.1.0.1\"]}}", v1);
        String v04 = Json.text(r.toJson("0.4.0"));
        assertEquals(true, v04.contains("{\"version\":\"4\",\"address\":\"10.1.0.2/24\""), v04);
        assertEquals(true, v04.contains("{\"version\":\"6\",\"address\":\"fd00::2/64\"}"), v04);
    }

    @Test
    void versionCommandNeedsNoStdinAndErrorsAreJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(Map.of("CNI_COMMAND", "VERSION"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertEquals(true, out.toString(StandardCharsets.UTF_8).contains("\"1.1.0\""));
        out.reset();
        status = Main.run(Map.of(), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals(4, Json.parseObject(out.toByteArray(), "error").get("code"));
    }
}
