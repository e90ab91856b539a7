package io.jnetlink.cni;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CNI_* environment of one call, checked as libcni's skel checks it: which variables each
 * command needs, and the shape of the container id and interface name.
 *
 * @param command     CNI_COMMAND (ADD, DEL, CHECK, STATUS, VERSION, GC)
 * @param containerId CNI_CONTAINERID, or "" where the command does not need it
 * @param netns       CNI_NETNS (a path to the container's network namespace), or ""
 * @param ifName      CNI_IFNAME, the interface to create inside the container, or ""
 * @param args        CNI_ARGS ("K1=V1;K2=V2"), or ""
 * @param path        CNI_PATH, where to look for delegated (IPAM) plugins, split at ':'
 */
public record CniEnv(String command, String containerId, String netns, String ifName, String args,
                     List<String> path) {

    /** Container ids and network names: what libcni's utils accept. */
    static final Pattern ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
    private static final List<String> COMMANDS = List.of("ADD", "DEL", "CHECK", "STATUS", "VERSION", "GC");

    /**
     * Reads and checks the CNI_* variables.
     *
     * @param env the plugin's environment (as {@link System#getenv()} gives it)
     * @return the call's command, container, network namespace, interface name, path and arguments
     * @throws CniException code 4 naming the missing variables, an unknown command, a malformed
     *                      container id or interface name
     */
    public static CniEnv from(Map<String, String> env) {
        String cmd = env.getOrDefault("CNI_COMMAND", "");
        // Which command needs which variable (the spec's "Parameters" and libcni's skel).
        List<String> missing = new ArrayList<>();
        if (cmd.isEmpty()) {
            missing.add("CNI_COMMAND");
        }
        boolean attach = cmd.equals("ADD") || cmd.equals("CHECK") || cmd.equals("DEL");
        check(env, "CNI_CONTAINERID", attach, missing);
        check(env, "CNI_NETNS", cmd.equals("ADD") || cmd.equals("CHECK"), missing);
        check(env, "CNI_IFNAME", attach, missing);
        check(env, "CNI_PATH", attach || cmd.equals("GC") || cmd.equals("STATUS"), missing);
        if (!missing.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT,
                    "required env variables [" + String.join(",", missing) + "] missing");
        }
        if (!COMMANDS.contains(cmd)) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "unknown CNI_COMMAND: " + cmd);
        }
        String containerId = env.getOrDefault("CNI_CONTAINERID", "");
        String ifName = env.getOrDefault("CNI_IFNAME", "");
        if (attach) {
            validateContainerId(containerId);
            validateInterfaceName(ifName);
        }
        String path = env.getOrDefault("CNI_PATH", "");
        List<String> dirs = new ArrayList<>();
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                dirs.add(d);
            }
        }
        return new CniEnv(cmd, containerId, env.getOrDefault("CNI_NETNS", ""), ifName,
                env.getOrDefault("CNI_ARGS", ""), List.copyOf(dirs));
    }

    private static void check(Map<String, String> env, String name, boolean required, List<String> missing) {
        if (required && env.getOrDefault(name, "").isEmpty()) {
            missing.add(name);
        }
    }

    static void validateContainerId(String id) {
        if (id.isEmpty()) {
            throw new CniException(CniException.UNKNOWN_CONTAINER, "missing containerID");
        }
        if (!ID.matcher(id).matches()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "invalid characters in containerID", id);
        }
    }

    /** The kernel's rules for an interface name (dev_valid_name), with libcni's messages. */
    static void validateInterfaceName(String name) {
        if (name.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "interface name is empty");
        }
        if (name.length() > 15) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "interface name is too long",
                    "interface name should be less than 16 characters");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "interface name is . or ..");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c)) {
                throw new CniException(CniException.INVALID_ENVIRONMENT,
                        "interface name contains / or : or whitespace characters");
            }
        }
    }
}
