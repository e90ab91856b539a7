#!/bin/bash
# The iproute2 side of benchmarks/compare.sh: the benchmarks' work done through `ip -batch`
# (one ip process, commands run one after the other, each waiting for its ACK).
# Runs ONLY inside a network namespace /run/netns/bench-* (ip netns exec bench-x ./ipbatch.sh ...),
# touches nothing else, and leaves the namespace as it found it.
#
#   create N        N veth pairs created (group 77), one per line; one group delete afterwards, untimed
#   churn N         N times: create a veth pair, delete it
#   churn-group N   N pairs: 64 creates in group 77, then `link del group 77` (ip's bulk form)
#   bridge500 P     P veth pairs, bridge, enslave host ends, all up, IPv4 on each peer; then delete each
#                   host end and the bridge (what a user of ip does)
#   getlink N       `link show dev ga0` N times (RTM_GETLINK + printing to /dev/null)
#   dump N          `link show` N times over 500 veth pairs + lo (1,001 links; printing to /dev/null)
#   routes N        N IPv4 routes `route add 16.A.B.0/24 dev lo proto static` (lo set up first, untimed);
#                   then `route flush proto static`, untimed
#   routedump N     `-4 route show table main` N times over 10,000 routes 16.A.B.0/24 dev lo proto static
#                   (installed and flushed untimed; printing to /dev/null)
#   addrdump N      `addr show` N times over lo holding 500 IPv4 (10.0.0.1/32 and up) and 500 IPv6
#                   (fd00::1/128 and up, nodad) addresses besides its own (added and removed untimed)
#   attach N        N containers, each: ip netns add; ip -batch (veth with peer eth0 created in the
#                   container, host end on bridge br0, up); ip -n C -batch (address, eth0 up, default
#                   route); then ip netns del. Prints median attach and teardown times.
# Prints one line of key=value pairs. Batch files are written untimed to a temp directory.
set -euo pipefail
me=$(stat -L -c %d:%i /proc/self/ns/net)
inside=
for f in /run/netns/bench-*; do
  [ -e "$f" ] && [ "$(stat -L -c %d:%i "$f")" = "$me" ] && inside=${f#/run/netns/}
done
[ -n "$inside" ] || { echo "ipbatch.sh: refusing to run outside a /run/netns/bench-* namespace" >&2; exit 2; }
IP=${IP:-$(command -v ip)}
mode=${1:?mode}; n=${2:?count}
d=$(mktemp -d "${TMPDIR:-/tmp}/ipbatch.XXXXXX")
containers=()
cleanup() {
  for c in "${containers[@]}"; do "$IP" netns del "$c" 2>/dev/null || true; done
  rm -rf "$d"
}
trap cleanup EXIT
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / t }'; }
nlinks() { "$IP" -o link show | wc -l; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

case $mode in
create)
  for ((i = 0; i < n; i++)); do echo "link add ia$i group 77 type veth peer name ib$i"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b"; t1=$EPOCHREALTIME
  "$IP" link del group 77
  t=$(elapsed "$t0" "$t1")
  echo "bench=create impl=ip-batch n=$n total_s=$t ops_per_s=$(rate "$n" "$t") links_after=$(nlinks)"
  ;;
churn)
  for ((i = 0; i < n; i++)); do echo "link add ia0 type veth peer name ib0"; echo "link del ia0"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b"; t1=$EPOCHREALTIME
  t=$(elapsed "$t0" "$t1")
  echo "bench=churn impl=ip-batch n=$n total_s=$t ops_per_s=$(rate "$n" "$t") links_after=$(nlinks)"
  ;;
churn-group)
  for ((i = 0; i < n; i++)); do
    echo "link add ga$((i % 64)) group 77 type veth peer name gb$((i % 64))"
    if (( i % 64 == 63 || i == n - 1 )); then echo "link del group 77"; fi
  done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b"; t1=$EPOCHREALTIME
  t=$(elapsed "$t0" "$t1")
  echo "bench=churn-group impl=ip-batch n=$n total_s=$t ops_per_s=$(rate "$n" "$t") links_after=$(nlinks)"
  ;;
bridge500)
  {
    for ((i = 0; i < n; i++)); do echo "link add vh$i type veth peer name vp$i"; done
    echo "link add br0 type bridge"
    for ((i = 0; i < n; i++)); do echo "link set vh$i master br0"; done
    echo "link set br0 up"
    for ((i = 0; i < n; i++)); do echo "link set vh$i up"; echo "link set vp$i up"; done
    for ((i = 0; i < n; i++)); do echo "addr add 10.$((100 + i / 250)).$((i % 250)).2/24 dev vp$i"; done
  } > "$d/setup"
  { for ((i = 0; i < n; i++)); do echo "link del vh$i"; done; echo "link del br0"; } > "$d/teardown"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/setup"; t1=$EPOCHREALTIME
  mid=$(nlinks)
  t2=$EPOCHREALTIME; "$IP" -batch "$d/teardown"; t3=$EPOCHREALTIME
  su=$(elapsed "$t0" "$t1"); td=$(elapsed "$t2" "$t3")
  echo "bench=bridge500 impl=ip-batch pairs=$n total_s=$(awk -v a="$su" -v b="$td" 'BEGIN { printf "%.6f", a + b }') setup_s=$su teardown_s=$td links_mid=$mid links_after=$(nlinks)"
  ;;
getlink)
  "$IP" link add ga0 type veth peer name gb0
  for ((i = 0; i < n; i++)); do echo "link show dev ga0"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b" > /dev/null; t1=$EPOCHREALTIME
  "$IP" link del ga0
  t=$(elapsed "$t0" "$t1")
  echo "bench=getlink impl=ip-batch n=$n total_s=$t ops_per_s=$(rate "$n" "$t")"
  ;;
dump)
  for ((i = 0; i < 500; i++)); do echo "link add da$i group 79 type veth peer name db$i"; done > "$d/setup"
  "$IP" -batch "$d/setup"
  links=$(nlinks)
  for ((i = 0; i < n; i++)); do echo "link show"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b" > /dev/null; t1=$EPOCHREALTIME
  "$IP" link del group 79
  t=$(elapsed "$t0" "$t1")
  echo "bench=dump impl=ip-batch n=$n links=$links total_s=$t dumps_per_s=$(rate "$n" "$t") ops_per_s=$(rate "$n" "$t")"
  ;;
routes)
  # the RouteInstall benchmark's work and routebench.c's: the i-th /24 from 16.0.0.0
  for ((i = 0; i < n; i++)); do
    echo "route add $((16 + (i >> 16))).$(((i >> 8) & 255)).$((i & 255)).0/24 dev lo proto static"
  done > "$d/b"
  "$IP" link set lo up
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b"; t1=$EPOCHREALTIME
  mid=$("$IP" -4 route show proto static | wc -l)
  "$IP" route flush proto static
  t=$(elapsed "$t0" "$t1")
  echo "bench=routes impl=ip-batch n=$n total_s=$t routes_per_s=$(rate "$n" "$t") routes_mid=$mid routes_after=$("$IP" -4 route show proto static | wc -l)"
  ;;
routedump)
  for ((i = 0; i < 10000; i++)); do
    echo "route add $((16 + (i >> 16))).$(((i >> 8) & 255)).$((i & 255)).0/24 dev lo proto static"
  done > "$d/setup"
  "$IP" link set lo up
  "$IP" -batch "$d/setup"
  routes=$("$IP" -4 route show table main | wc -l)
  for ((i = 0; i < n; i++)); do echo "route show table main"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -4 -batch "$d/b" > /dev/null; t1=$EPOCHREALTIME
  "$IP" route flush proto static
  t=$(elapsed "$t0" "$t1")
  echo "bench=routedump impl=ip-batch n=$n routes=$routes total_s=$t dumps_per_s=$(rate "$n" "$t")"
  ;;
addrdump)
  {
    for ((i = 0; i < 500; i++)); do v=$((0x0A000001 + i)); echo "addr add $((v >> 24)).$(((v >> 16) & 255)).$(((v >> 8) & 255)).$((v & 255))/32 dev lo"; done
    for ((i = 1; i <= 500; i++)); do printf 'addr add fd00::%x/128 dev lo nodad\n' "$i"; done
  } > "$d/setup"
  sed 's/^addr add/addr del/; s/ nodad$//' "$d/setup" > "$d/teardown"
  "$IP" link set lo up
  "$IP" -batch "$d/setup"
  addrs=$("$IP" -o addr show | wc -l)
  for ((i = 0; i < n; i++)); do echo "addr show"; done > "$d/b"
  t0=$EPOCHREALTIME; "$IP" -batch "$d/b" > /dev/null; t1=$EPOCHREALTIME
  "$IP" -batch "$d/teardown"
  t=$(elapsed "$t0" "$t1")
  echo "bench=addrdump impl=ip-batch n=$n addrs=$addrs total_s=$t dumps_per_s=$(rate "$n" "$t")"
  ;;
attach)
  "$IP" link add br0 type bridge
  "$IP" addr add 10.200.0.1/16 dev br0
  "$IP" link set br0 up
  : > "$d/attach"; : > "$d/teardown"
  for ((i = 0; i < n; i++)); do
    c=bench-ipc-$$-$i
    printf 'link add vh%d type veth peer name eth0 netns %s\nlink set vh%d master br0\nlink set vh%d up\n' \
      "$i" "$c" "$i" "$i" > "$d/host"
    printf 'addr add 10.200.%d.%d/16 dev eth0\nlink set eth0 up\nroute add default via 10.200.0.1\n' \
      "$((i / 250 + 1))" "$((i % 250 + 2))" > "$d/cont"
    containers+=("$c")
    t0=$EPOCHREALTIME
    "$IP" netns add "$c"
    "$IP" -batch "$d/host"
    "$IP" -n "$c" -batch "$d/cont"
    t1=$EPOCHREALTIME
    "$IP" netns del "$c"
    t2=$EPOCHREALTIME
    unset 'containers[-1]'
    elapsed "$t0" "$t1" >> "$d/attach"; echo >> "$d/attach"
    elapsed "$t1" "$t2" >> "$d/teardown"; echo >> "$d/teardown"
  done
  "$IP" link del br0
  ma=$(grep . "$d/attach" | median); mt=$(grep . "$d/teardown" | median)
  echo "bench=attach impl=ip n=$n attach_median_ms=$(awk -v s="$ma" 'BEGIN { printf "%.3f", s * 1000 }') teardown_median_ms=$(awk -v s="$mt" 'BEGIN { printf "%.3f", s * 1000 }')"
  ;;
*)
  echo "usage: $0 create|churn|churn-group|bridge500|getlink|dump|routes|routedump|addrdump|attach N" >&2; exit 2 ;;
esac
