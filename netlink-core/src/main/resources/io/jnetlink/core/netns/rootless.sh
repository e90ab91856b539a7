#!/bin/sh
# jnetlink's rootless launcher. Runs COMMAND (a JVM using jnetlink) where it may create and enter
# network namespaces: directly when this process may already (root, or CAP_NET_ADMIN and
# CAP_SYS_ADMIN), else inside a new user namespace (mapped to root there) and mount namespace of
# its own, with a private, empty tmpfs on /run/netns for the namespace bind mounts. The command's
# own network namespace stays the host's, where it holds no capability: it can build networks in
# namespaces it creates, and cannot change the host's.
#
#   rootless.sh COMMAND [ARG...]   run COMMAND (environment JNETLINK_ROOTLESS=1 when rootless)
#   rootless.sh --check            exit 0 if a rootless namespace can be made here, else say why
#
# Used by io.jnetlink.core.netns.Rootless (the library's one-call opt-in) and by the build's test
# JVMs (.mvn/rootless/bin/java). Exit status 125: the rootless namespace could not be made.
set -u

# Run inside the new namespaces: a private tmpfs on /run/netns. Mounts made here stay in this
# mount namespace (unshare makes it private) and vanish with it. Where /run/netns does not exist
# (no `ip netns add` ever ran) and /run is not ours to write, /run itself becomes a tmpfs holding
# /run/netns, and everything that was in /run is bound back into it.
SETUP='
if [ ! -d /run/netns ]; then
  old=$(mktemp -d "${TMPDIR:-/tmp}/jnetlink-run.XXXXXX") || exit 125
  mount --rbind /run "$old" && mount -t tmpfs -o mode=0755 jnetlink-run /run || exit 125
  for e in "$old"/* "$old"/.[!.]*; do
    [ -e "$e" ] || [ -L "$e" ] || continue
    t=/run/${e##*/}
    [ -e "$t" ] || [ -L "$t" ] && continue  # made meanwhile (mount keeps /run/mount/utab)
    if [ -L "$e" ]; then cp -P "$e" "$t"
    elif [ -d "$e" ]; then mkdir "$t" && mount --rbind "$e" "$t"
    else : > "$t" && mount --bind "$e" "$t"
    fi
  done
  umount -l "$old"; rmdir "$old"
  mkdir /run/netns || exit 125
else
  mount -t tmpfs -o mode=0755 jnetlink-netns /run/netns || exit 125
fi
'

# Whether capability number $1 (linux/capability.h) is in this shell's effective set.
has_cap() {
  eff=$(sed -n 's/^CapEff:[[:space:]]*//p' "/proc/$$/status")
  [ -n "$eff" ] && [ $(( (0x$eff >> $1) & 1 )) = 1 ]
}

# CAP_NET_ADMIN (12) and CAP_SYS_ADMIN (21).
privileged() {
  has_cap 12 && has_cap 21
}

# Why user namespaces are not available: the setting that blocks them, and how to lift it.
explain() {
  echo "jnetlink: cannot run rootless here: an unprivileged user namespace with a mount namespace could not be made${1:+ ($1)}." >&2
  found=0
  if [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)" = 0 ]; then
    echo "  user namespaces are disabled: sysctl user.max_user_namespaces = 0 (as root: sysctl -w user.max_user_namespaces=15000)" >&2
    found=1
  fi
  if [ "$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null)" = 0 ]; then
    echo "  unprivileged user namespaces are disabled: sysctl kernel.unprivileged_userns_clone = 0 (as root: sysctl -w kernel.unprivileged_userns_clone=1)" >&2
    found=1
  fi
  if [ "$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null)" = 1 ]; then
    echo "  AppArmor restricts unprivileged user namespaces: sysctl kernel.apparmor_restrict_unprivileged_userns = 1 (allow them with an AppArmor profile for the java binary that grants \"userns,\", or as root: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)" >&2
    found=1
  fi
  if [ "$(id -u)" = 0 ] && ! has_cap 31; then
    echo "  this process is uid 0 without CAP_SETFCAP: since Linux 5.12 uid 0 may be mapped into a new user namespace only by a process that holds CAP_SETFCAP (grant it, e.g. docker run --cap-add SETFCAP, or run as another user)" >&2
    found=1
  fi
  if [ $found = 0 ]; then
    echo "  no sysctl here disables them; in a container, its seccomp profile may forbid unshare(CLONE_NEWUSER) (Docker: --security-opt seccomp=unconfined), or the limit of user namespaces is reached" >&2
  fi
  echo "  or run as root (or with CAP_NET_ADMIN and CAP_SYS_ADMIN), which needs no user namespace." >&2
  exit 125
}

if ! command -v unshare >/dev/null 2>&1 || ! command -v mount >/dev/null 2>&1; then
  if [ "${1:-}" != --check ] && privileged; then exec "$@"; fi
  echo "jnetlink: rootless mode needs unshare and mount (util-linux)" >&2
  exit 125
fi
if [ "${1:-}" = --check ]; then
  err=$(unshare --user --map-root-user --mount -- sh -c "$SETUP" 2>&1) || explain "$err"
  exit 0
fi
if [ $# = 0 ]; then
  echo "usage: rootless.sh COMMAND [ARG...] | rootless.sh --check" >&2
  exit 2
fi
if privileged; then
  exec "$@"
fi
err=$(unshare --user --map-root-user --mount -- sh -c "$SETUP" 2>&1) || explain "$err"
JNETLINK_ROOTLESS=1 exec unshare --user --map-root-user --mount -- sh -c "$SETUP"'
exec "$@"' jnetlink-rootless "$@"
