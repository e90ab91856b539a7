package demo;

import io.jnetlink.core.netns.Rootless;
import io.jnetlink.rtnl.Netns;
import io.jnetlink.rtnl.link.LinkInfo;
import io.jnetlink.rtnl.link.Veth;
import java.util.List;

/** A user's application: a namespace with a veth pair, through the published API only. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Rootless.ensure(); // as an ordinary user: runs again rootless
        String name = "jnl-t-consumer-" + ProcessHandle.current().pid();
        try (Netns ns = Netns.create(name)) {
            ns.link(Veth.named("c0").peer("c1")).address("192.168.77.1/24").up();
            List<String> links = ns.links().stream().map(LinkInfo::name).sorted().toList();
            if (!links.equals(List.of("c0", "c1", "lo"))) {
                throw new AssertionError("links in " + name + ": " + links);
            }
            System.out.println("consumer ok on the " + (App.class.getModule().isNamed() ? "module path" : "class path")
                    + ": " + links + " in " + name);
        }
    }
}
