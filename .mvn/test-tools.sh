# Sourced by ./verify: the programs the tests use as independent oracles and traffic sources, and
# the Debian/Ubuntu package of each (a name on the PATH or an absolute path). One place, so the
# list cannot drift between scripts. netlink-cni's differential test runs the reference CNI
# plugins, whose ipMasq/portmap use iptables.
JNETLINK_TEST_TOOLS="
ip:iproute2
ss:iproute2
tc:iproute2
bridge:iproute2
nft:nftables
ping:iputils-ping
sysctl:procps
nsenter:util-linux
unshare:util-linux
setpriv:util-linux
mount:mount
iptables:iptables
/usr/lib/cni/portmap:containernetworking-plugins
"

# Prints the packages of the tools missing here, one per line, each once.
jnetlink_missing_test_packages() {
  local entry
  for entry in $JNETLINK_TEST_TOOLS; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || echo "${entry#*:}"
  done | sort -u
}

# Installs the missing packages as root (apt-get); as another user names them and fails.
jnetlink_install_test_tools() {
  local missing
  missing=$(jnetlink_missing_test_packages | tr '\n' ' ')
  missing=${missing% }
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "The tests need these packages, missing here: $missing" >&2
    echo "Install them once as root (e.g. apt-get install $missing), or run ./verify as root, which does." >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "The tests need these (Debian) packages, missing here: $missing; install their equivalents." >&2
    return 1
  fi
  echo "verify: installing what the tests use: $missing"
  # apt's chatter (debconf notes included) is shown only when it fails.
  local log status=0
  log=$(mktemp)
  # shellcheck disable=SC2086
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } \
    >"$log" 2>&1 || status=$?
  if [ $status != 0 ]; then
    cat "$log" >&2
    echo "verify: apt-get failed (status $status) installing: $missing" >&2
  fi
  rm -f "$log"
  [ $status = 0 ] || return 1
  missing=$(jnetlink_missing_test_packages | tr '\n' ' ')
  if [ -n "${missing% }" ]; then
    echo "verify: still missing after apt-get: $missing" >&2
    return 1
  fi
}
