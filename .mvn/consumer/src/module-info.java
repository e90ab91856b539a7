/** The consumer check's application as a module: needs only what io.jnetlink.rtnl exports. */
module demo {
    requires io.jnetlink.rtnl;
}
