/**
 * Network value types shared by every protocol module: interface names and indexes (the kernel's
 * rules, checked once here), and, as they move here, IP prefixes and MAC addresses. rtnetlink and
 * nf_tables both use them, so a name or address that one layer accepts the other accepts too.
 */
package io.jnetlink.core.net;
