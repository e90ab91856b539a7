/** Multicast events of a namespace and list-then-watch tables that never silently go stale. */
package io.jnetlink.core.events;
