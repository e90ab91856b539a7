#!/bin/bash
# CNI plugin latency, process start included, jnetlink-bridge beside the reference bridge plugin
# (Debian's containernetworking-plugins, /usr/lib/cni/bridge) in one run: 20 attachments each,
# ADD then DEL, interleaved (ours, reference, ours, ...), median and spread of each. A CNI plugin
# is a process per call, so the wall time of the whole process is what a runtime waits for.
#
#   ./mvnw -q -pl netlink-cni -am package -DskipTests   # netlink-cni/target/jnetlink-bridge.jar and .aot
#   sudo benchmarks/cni-latency.sh                       # N=20 attachments by default
#
# It takes about a minute on a quiet 2-CPU machine (N=10 took 46 s on a busy one). Each line gives
# the median wall time (min .. max) and the mean CPU time per call: user + system of the whole
# process tree (all JVM threads, the IPAM plugin), which a busy machine disturbs far less.
#
# Which part is JVM start: the same JVM, flags and class path started with CNI_COMMAND=VERSION
# (start, load the plugin's main class, print two lines, exit) and with -version (the JVM alone)
# are timed too. Ours is measured in two forms: plain class path (the JDK's default CDS archive
# only) and with the JDK 25 AOT cache the build made (netlink-cni/target/jnetlink-bridge.aot, the
# training run io.jnetlink.cni.AotTraining in the package phase), installed beside the jar as a
# user installs it. JNETLINK_CNI_TRACE=1 on one call shows where its time goes, step by step.
#
# Safety: everything happens in namespaces named bench-cni-PID-* (two sandbox hosts, one per
# plugin, and N containers each), IPAM state in a temporary directory; all removed at the end,
# also on failure or Ctrl-C. Neither plugin ever runs in the namespace the script started in.
set -euo pipefail
export LC_ALL=C   # EPOCHREALTIME with a "." and numbers sorted alike everywhere
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
N=${N:-20}
REF=${REF:-/usr/lib/cni}
JAR="$root/netlink-cni/target/jnetlink-bridge.jar"
AOT="$root/netlink-cni/target/jnetlink-bridge.aot"
[ -f "$JAR" ] || { echo "cni-latency.sh: $JAR missing; build it first (see the top of this script)" >&2; exit 1; }
[ -f "$AOT" ] || echo "cni-latency.sh: $AOT missing (the build makes it with JDK 25 or newer): the AOT round runs without it" >&2
[ -x "$REF/bridge" ] && [ -x "$REF/host-local" ] || { echo "cni-latency.sh: needs $REF/bridge and host-local (apt-get install containernetworking-plugins)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "cni-latency.sh: needs root (network namespaces)" >&2; exit 1; }
# shellcheck source=/dev/null
. "$root/.mvn/find-jdk.sh"
jnetlink_find_jdk
export JNETLINK_JAVA="$JAVA_HOME/bin/java"

tag=bench-cni-$$
tmp=$(mktemp -d /tmp/$tag.XXXX)
namespaces=()
cleanup() {
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkns() { ip netns add "$1"; namespaces+=("$1"); }

# Our plugin as it is installed: launcher and jar side by side in a CNI_PATH directory.
mkdir -p "$tmp/bin" "$tmp/ipam"
cp "$root/netlink-cni/jnetlink-bridge" "$JAR" "$tmp/bin/"
[ -f "$AOT" ] && cp "$AOT" "$tmp/bin/"

conf() { # $1 plugin type, $2 network name
  cat <<JSON
{"cniVersion": "1.0.0", "name": "$2", "type": "$1", "bridge": "bench0", "isGateway": true, "ipMasq": true,
 "ipam": {"type": "host-local", "subnet": "10.55.0.0/16", "dataDir": "$tmp/ipam"}}
JSON
}

# children_cpu: REPLY = CPU time (clock ticks) of this shell's finished children so far: a plugin's
# user+sys time, its own children (IPAM) included, counts here once the call is over.
children_cpu() { local st; read -r -a st < /proc/$$/stat; REPLY=$(( st[15] + st[16] )); }
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
# call HOST PLUGIN COMMAND ID NETNS CONF -> prints "wall-microseconds cpu-ticks" (times from
# EPOCHREALTIME: no process started to read the clock); fails loudly on a CNI error
call() {
  local t0 t1 c0 out
  children_cpu; c0=$REPLY
  t0=${EPOCHREALTIME/./}
  if ! out=$(CNI_COMMAND=$3 CNI_CONTAINERID=$4 CNI_NETNS=/run/netns/$5 CNI_IFNAME=eth0 \
      CNI_PATH="$tmp/bin:$REF" nsenter --net=/run/netns/"$1" "$2" <<<"$6" 2>>"$tmp/stderr"); then
    echo "cni-latency.sh: $2 $3 $4 failed: $out" >&2; exit 1
  fi
  t1=${EPOCHREALTIME/./}
  children_cpu
  echo "$(( t1 - t0 )) $(( REPLY - c0 ))"
}
stats() { # median and min..max of the wall times on stdin (microseconds) as ms, and the mean CPU time
  sort -n | awk -v tick="$TICK_MS" '{a[NR]=$1; cpu+=$2} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
    printf "%8.1f ms   (%.1f .. %.1f)   cpu %.0f ms", m/1000, a[1]/1000, a[NR]/1000, cpu*tick/NR}'
}

# One round: N ADDs then N DELs, ours and the reference interleaved, each into its own sandbox host.
round() { # $1 label; JNETLINK_AOT (set by the caller) says whether ours uses the AOT cache
  local label=$1 ours_host=$tag-o-$1 ref_host=$tag-r-$1 i
  mkns "$ours_host"; mkns "$ref_host"
  : >"$tmp/add-ours"; : >"$tmp/add-ref"; : >"$tmp/del-ours"; : >"$tmp/del-ref"
  for i in $(seq 1 "$N"); do
    mkns "$tag-o-$label-$i"; mkns "$tag-r-$label-$i"
  done
  local co cr
  co=$(conf jnetlink-bridge "bo$label"); cr=$(conf bridge "br$label")
  for i in $(seq 1 "$N"); do
    call "$ours_host" "$tmp/bin/jnetlink-bridge" ADD "c$i" "$tag-o-$label-$i" "$co" >>"$tmp/add-ours"
    call "$ref_host" "$REF/bridge" ADD "c$i" "$tag-r-$label-$i" "$cr" >>"$tmp/add-ref"
  done
  for i in $(seq 1 "$N"); do
    call "$ours_host" "$tmp/bin/jnetlink-bridge" DEL "c$i" "$tag-o-$label-$i" "$co" >>"$tmp/del-ours"
    call "$ref_host" "$REF/bridge" DEL "c$i" "$tag-r-$label-$i" "$cr" >>"$tmp/del-ref"
  done
  printf '%-44s ADD %s\n' "jnetlink-bridge ($label)" "$(stats <"$tmp/add-ours")"
  printf '%-44s DEL %s\n' "jnetlink-bridge ($label)" "$(stats <"$tmp/del-ours")"
  printf '%-44s ADD %s\n' "reference bridge (same round)" "$(stats <"$tmp/add-ref")"
  printf '%-44s DEL %s\n' "reference bridge (same round)" "$(stats <"$tmp/del-ref")"
}

jvm_start() { # $1 label: the JVM alone (-version) and the plugin's VERSION call, N times each
  local i t0 t1
  : >"$tmp/jvm"; : >"$tmp/ver"
  local c0
  for i in $(seq 1 "$N"); do
    children_cpu; c0=$REPLY
    t0=${EPOCHREALTIME/./}; "$JNETLINK_JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -version 2>/dev/null
    t1=${EPOCHREALTIME/./}; children_cpu
    echo "$(( t1 - t0 )) $(( REPLY - c0 ))" >>"$tmp/jvm"
    children_cpu; c0=$REPLY
    t0=${EPOCHREALTIME/./}; CNI_COMMAND=VERSION "$tmp/bin/jnetlink-bridge" </dev/null >/dev/null
    t1=${EPOCHREALTIME/./}; children_cpu
    echo "$(( t1 - t0 )) $(( REPLY - c0 ))" >>"$tmp/ver"
  done
  printf '%-44s     %s\n' "JVM start alone (java -version)" "$(stats <"$tmp/jvm")"
  printf '%-44s     %s\n' "jnetlink-bridge VERSION ($1)" "$(stats <"$tmp/ver")"
}

echo "cni-latency.sh: $N attachments per plugin per round; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$JNETLINK_JAVA" -version 2>&1 | head -1); reference: $(dpkg-query -W -f='containernetworking-plugins ${Version}' containernetworking-plugins 2>/dev/null || echo "$REF/bridge")"
echo
export JNETLINK_AOT=0
jvm_start "no AOT cache"
round plain

# The same with the build's AOT cache.
export JNETLINK_AOT=1
echo
jvm_start "AOT cache"
round aot
echo
echo "Figures are wall time per process (fork/exec, JVM start, the call, exit), median (min .. max) of $N,"
echo "and the mean CPU time per call (user + system, all threads, the IPAM plugin included): on a busy"
echo "machine wall time mostly measures the wait for a CPU, CPU time much less so."
grep -v '^$' "$tmp/stderr" | sort | uniq -c | sed 's/^/stderr: /' | head -5 || true
