/** Network namespaces: create, open, list, delete; sockets, code and programs inside one. */
package io.jnetlink.core.netns;
