#!/bin/bash
# Side by side: jnetlink's JMH benchmarks and the same work through `ip -batch` (benchmarks/ipbatch.sh),
# interleaved workload by workload in one run, optionally also the raw C reference program
# (nlbench.c; give the path of a compiled binary in NLBENCH), the C twin of RouteInstall and
# DumpRoutes (benchmarks/c/routebench.c; its binary in ROUTEBENCH) and of DumpAddresses
# (benchmarks/c/addrbench.c; ADDRBENCH). Prints one table.
#
#   ./mvnw -o -q -pl netlink-core,netlink-rtnl,benchmarks -am package -DskipTests   # builds the jar
#   sudo benchmarks/compare.sh                      # ROUNDS=3 by default; the median round is shown
#   sudo NLBENCH=/tmp/nlbench ROUNDS=1 benchmarks/compare.sh
#   gcc -O2 -o /tmp/routebench benchmarks/c/routebench.c
#   gcc -O2 -o /tmp/addrbench benchmarks/c/addrbench.c
#   sudo ROUTEBENCH=/tmp/routebench ONLY=routes ROUNDS=1 benchmarks/compare.sh
#   ONLY="getlink dump" benchmarks/compare.sh       # a subset of: create churn churn-bulk bridge500
#                                                   #   getlink getlink64 dump attach routes
#                                                   #   routedump addrdump setadd
#   ONLY=setadd ROUNDS=1 benchmarks/compare.sh      # 100,000 set elements: library vs nft -f (one JMH run)
# SETTLE (seconds, default 2) is waited before every measured run, JMH or C: a run that deleted a
# namespace of 1,000 links leaves kernel workers tearing it down (measured: ~0.1 s of CPU within the
# first half second), on any CPU, and the next run should not share its CPU with that. SETTLE=0
# waits not.
# The C side of getlink, getlink64, dump, routedump and addrdump runs right before and right after
# the library's full-record run, and the mean of the two is its value for the round (see bracketed).
# Builds nothing. Needs root (creates network namespaces). Everything happens inside namespaces named
# bench-*: the ip / C side in bench-cmp-PID (made and deleted here), the JMH side in bench-* namespaces
# each benchmark makes and deletes. JMH_OPTS adds options to every JMH run (e.g. "-prof gc"); JAVA_OPTS
# to the JMH launcher JVM. While another JMH run holds /tmp/jmh.lock, waits (LOCK_WAIT, 300 s).
# CPU (default 0) pins every side (ip, C, the JMH JVM) to that CPU with taskset, so that all run on
# the same core: on the 2-vCPU VMs used here one vCPU answered system calls ~30% slower than the
# other, which moved single runs more than the differences measured. CPU= (empty) pins nothing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=/dev/null
. "$root/.mvn/find-jdk.sh"
jnetlink_find_jdk
JAVA="$JAVA_HOME/bin/java"
JAR="$here/target/benchmarks.jar"
[ -f "$JAR" ] || { echo "compare.sh: $JAR missing; build it first (see the top of this script)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "compare.sh: needs root (network namespaces)" >&2; exit 1; }
ROUNDS=${ROUNDS:-3}
ONLY=${ONLY:-create churn churn-bulk bridge500 getlink getlink64 dump routedump addrdump attach routes setadd}
NLBENCH=${NLBENCH:-}
ROUTEBENCH=${ROUTEBENCH:-}
ADDRBENCH=${ADDRBENCH:-}
withc=$NLBENCH$ROUTEBENCH$ADDRBENCH   # any C reference given: the table gets C columns
JAVA_OPTS=${JAVA_OPTS:-}
JMH_OPTS=${JMH_OPTS:-}
CPU=${CPU-0}
pin=()
if [ -n "$CPU" ]; then
  command -v taskset > /dev/null || { echo "compare.sh: taskset (util-linux) missing; install it or set CPU=" >&2; exit 1; }
  pin=(taskset -c "$CPU")
fi
pinned=("${pin[@]}")
ns=bench-cmp-$$
work=$(mktemp -d "${TMPDIR:-/tmp}/jnetlink-compare.XXXXXX")
cleanup() {
  # only the script itself cleans up, never one of its $(...) subshells
  [ "${BASHPID:-$$}" = "$$" ] || return 0
  # ipbatch.sh deletes its own container namespaces (its own trap); JMH forks delete theirs.
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$ns"
inns() { ip netns exec "$ns" "$@"; }

# One JMH run; prints the score of metric $2 (a benchmark name, or NAME:p0.50) with param $3 (optional).
# If another JMH run holds JMH's lock (/tmp/jmh.lock), waits for it (up to LOCK_WAIT seconds) rather
# than measuring two benchmarks at once. A failed run prints nothing and is listed after the table.
jmh() {
  local regex=$1 metric=$2 param=${3:-} out="$work/jmh.csv" waited=0
  settle
  while true; do
    rm -f "$out"
    # shellcheck disable=SC2086
    if "${pin[@]}" "$JAVA" $JAVA_OPTS -jar "$JAR" "$regex" $JMH_OPTS -rf csv -rff "$out" "${@:4}" > "$work/jmh.log" 2>&1; then
      break
    fi
    if grep -q "Unable to acquire the JMH lock" "$work/jmh.log" && (( waited < ${LOCK_WAIT:-300} )); then
      sleep 5; waited=$((waited + 5)); continue
    fi
    { echo "JMH run $regex failed:"; tail -20 "$work/jmh.log"; } >> "$work/failed"
    return 0
  done
  (( waited > 0 )) && echo "  (waited ${waited}s for another JMH run to finish)" >&2
  awk -F, -v m="$metric" -v p="$param" '
    { sub(/\r$/, ""); for (i = 1; i <= NF; i++) gsub(/^"|"$/, "", $i) }
    NR > 1 { short = $1; sub(/^io\.jnetlink\.benchmarks\./, "", short);
             if (short == m && (p == "" || $NF == p)) { print $5; exit } }' "$out"
}
# the score of metric $1 in the last JMH run's results (another benchmark of the same run)
lastscore() { awk -F, -v m="$1" '{ sub(/\r$/, ""); for (i = 1; i <= NF; i++) gsub(/^"|"$/, "", $i) }
  NR > 1 { short = $1; sub(/^io\.jnetlink\.benchmarks\./, "", short); if (short == m) { print $5; exit } }' "$work/jmh.csv" 2>/dev/null; }
settle() { sleep "${SETTLE:-2}"; }
kv() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p"; }     # value of key $1 in a key=value line
ipb() { "${pin[@]}" ip netns exec "$ns" "$here/ipbatch.sh" "$@"; }
cref() { [ -n "$NLBENCH" ] && settle && "${pin[@]}" ip netns exec "$ns" "$NLBENCH" "$@" || true; }
rref() { [ -n "$ROUTEBENCH" ] && settle && "${pin[@]}" ip netns exec "$ns" "$ROUTEBENCH" "$@" || true; }
aref() { [ -n "$ADDRBENCH" ] && settle && "${pin[@]}" ip netns exec "$ns" "$ADDRBENCH" "$@" || true; }

# results: lines "workload round side value"
res="$work/results"; : > "$res"
put() { echo "$1 $2 $3 $4" >> "$res"; }
SHORT=(-f 1 -wi 1 -w 1 -i 2 -r 1)
# Lookups and dumps are CPU work in the JVM: they need the JIT warm (with SHORT a lookup measured
# half its warm rate).
WARM=(-f 1 -wi 3 -w 2 -i 3 -r 2)
# mean A B: the mean of two numbers, or the one given when the other is empty
mean() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "") print b; else if (b == "") print a; else printf "%.1f", (a + b) / 2 }'; }
# bracketed WORKLOAD ROUND LIB-CMD... -- C-CMD...: the C program runs right before and right after the
# library's run, and the round's C value is the mean of the two: the machine drifts (a C route dump
# measured 373, then 216, then 209 dumps/s in three rounds of one run), and a C value taken on one side
# of a 10 s JMH run compared the library with another moment of the machine. Drift that is linear over
# the library's run cancels. The C command prints one number.
bracketed() {
  local w=$1 r=$2 lib=() c1 c2
  shift 2
  while [ "$1" != -- ]; do lib+=("$1"); shift; done
  shift
  c1=$("$@")
  put "$w" "$r" lib "$("${lib[@]}")"
  c2=$("$@")
  [ -n "$c1$c2" ] && put "$w" "$r" c "$(mean "$c1" "$c2")"
  [ -n "$c1$c2" ] && put "$w" "$r" c-before "$c1" && put "$w" "$r" c-after "$c2"
  return 0
}
cnum() { local key=$1; shift; cref "$@" | kv "$key"; }
rnum() { local key=$1; shift; rref "$@" | kv "$key"; }
anum() { local key=$1; shift; aref "$@" | kv "$key"; }
# warm_pair WORKLOAD ROUND BENCH LEAN-BENCH C-KEY C-ARGS...: the library's full-record benchmark as
# WORKLOAD (bracketed by C runs), its Links.modeledOnly() twin as WORKLOAD-lean, which is held to
# absolute targets and filed with the same C value.
warm_pair() {
  local w=$1 r=$2 full=$3 lean=$4 key=$5 c
  shift 5
  if [ -n "$NLBENCH" ]; then
    bracketed "$w" "$r" jmh "$full\$" "$full" '' "${WARM[@]}" -- cnum "$key" "$@"
  else
    put "$w" "$r" lib "$(jmh "$full\$" "$full" '' "${WARM[@]}")"
  fi
  put "$w-lean" "$r" lib "$(jmh "$lean" "$lean" '' "${WARM[@]}")"
  c=$(awk -v w="$w" -v r="$r" '$1 == w && $2 == r && $3 == "c" { print $4 }' "$res")
  [ -n "$c" ] && put "$w-lean" "$r" c "$c"
  return 0
}

for ((r = 1; r <= ROUNDS; r++)); do
  for w in $ONLY; do
    echo "round $r/$ROUNDS: $w" >&2
    # Bridge500 is a single shot of a few seconds from a cold JVM: its JIT compiler and GC threads
    # work during the measurement, and confining them to the benchmark's own core measured them,
    # not the library (1.8 s pinned against 0.5-1.0 s free). So it runs unpinned, on all sides.
    pin=("${pinned[@]}")
    [ "$w" = bridge500 ] && pin=()
    case $w in
    create)
      put $w $r ip "$(ipb create 2000 | kv ops_per_s)"
      # LinkCreate reports microseconds per pair (2,000 pairs per iteration, like nlbench)
      put $w $r lib "$(jmh 'LinkCreate.veth' LinkCreate.veth '' | awk '$1 > 0 { printf "%.1f", 1e6 / $1 }')"
      [ -n "$NLBENCH" ] && put $w $r c "$(cref create 2000 1 | kv ops_per_s)" ;;
    churn)
      put $w $r ip "$(ipb churn 150 | kv ops_per_s)"
      put $w $r lib "$(jmh 'LinkChurn.oneAtATime' LinkChurn.oneAtATime '' -f 1 -wi 0 -i 2 -r 2)"
      [ -n "$NLBENCH" ] && put $w $r c "$(cref churn 150 1 | kv ops_per_s)" ;;
    churn-bulk)
      put $w $r ip "$(ipb churn-group 1280 | kv ops_per_s)"
      put $w $r lib "$(jmh 'LinkChurn.bulk64' LinkChurn.bulk64 '' "${SHORT[@]}")"
      [ -n "$NLBENCH" ] && put $w $r c "$(cref churn-group 1280 64 | kv ops_per_s)" ;;
    bridge500)
      put $w $r ip "$(ipb bridge500 500 | kv total_s)"
      put $w $r lib "$(jmh 'Bridge500' Bridge500.setUpAndTearDown closeNamespace -f 1 -wi 1 -i 2 -p teardown=closeNamespace | awk '{ printf "%.6f", $1 / 1000 }')"
      put bridge500-groupdel $r lib "$(jmh 'Bridge500' Bridge500.setUpAndTearDown groupDelete -f 1 -wi 1 -i 2 -p teardown=groupDelete | awk '{ printf "%.6f", $1 / 1000 }')"
      if [ -n "$NLBENCH" ]; then
        put $w $r c "$(cref bridge500 500 64 | kv total_s)"
        put bridge500-groupdel $r c "$(cref bridge500g 500 64 | kv total_s)"
      fi ;;
    getlink)
      put $w $r ip "$(ipb getlink 20000 | kv ops_per_s)"
      warm_pair $w $r GetLink.oneAtATime GetLink.oneAtATimeModeledOnly ops_per_s getlink 200000 1 ;;
    getlink64)
      warm_pair $w $r GetLink.pipelined64 GetLink.pipelined64ModeledOnly ops_per_s getlink 200000 64 ;;
    dump)
      put $w $r ip "$(ipb dump 200 | kv dumps_per_s)"
      warm_pair $w $r DumpLinks.dump DumpLinks.dumpModeledOnly dumps_per_s dump 300 1000 ;;
    routedump)
      # 10,000 IPv4 routes in the main table, dumped whole (routes installed untimed on every side)
      put $w $r ip "$(ipb routedump 20 | kv dumps_per_s)"
      if [ -n "$ROUTEBENCH" ]; then
        bracketed $w $r jmh 'DumpRoutes.dump' DumpRoutes.dump '' "${WARM[@]}" -- rnum dumps_per_s dump 300 10000
      else
        put $w $r lib "$(jmh 'DumpRoutes.dump' DumpRoutes.dump '' "${WARM[@]}")"
      fi ;;
    addrdump)
      # 1,002 addresses (500 IPv4 + 500 IPv6 on lo, and lo's own two), dumped whole
      put $w $r ip "$(ipb addrdump 200 | kv dumps_per_s)"
      if [ -n "$ADDRBENCH" ]; then
        bracketed $w $r jmh 'DumpAddresses.dump' DumpAddresses.dump '' "${WARM[@]}" -- anum dumps_per_s dump 2000 1000
      else
        put $w $r lib "$(jmh 'DumpAddresses.dump' DumpAddresses.dump '' "${WARM[@]}")"
      fi ;;
    attach)
      line=$(ipb attach 40)
      put $w $r ip "$(echo "$line" | kv attach_median_ms)"
      put attach-teardown $r ip "$(echo "$line" | kv teardown_median_ms)"
      put $w $r lib "$(jmh 'NamespaceAttach.attach' 'NamespaceAttach.attach:p0.50' '' | awk '{ printf "%.3f", $1 / 1000 }')"
      put attach-teardown $r lib "$(jmh 'NamespaceAttach.teardown' 'NamespaceAttach.teardown:p0.50' '' | awk '{ printf "%.3f", $1 / 1000 }')" ;;
    routes)
      # 100,000 IPv4 routes: ip -batch one at a time, the library 256 per send (BulkRoutes), C the same.
      # Three warm-up iterations: with one, the JIT was still compiling the encoder (48, 30, then 25 us/route).
      put $w $r ip "$(ipb routes 100000 | kv routes_per_s)"
      put $w $r lib "$(jmh 'RouteInstall.install' RouteInstall.install '' -f 1 -wi 3 -i 3 | awk '$1 > 0 { printf "%.1f", 1e6 / $1 }')"
      [ -n "$ROUTEBENCH" ] && put $w $r c "$(rref install 100000 256 | kv routes_per_s)" ;;
    setadd)
      # 100,000 IPv4 addresses into an empty named set: the library in one transaction and nft -f of the
      # same elements (one command) in the same JMH run (SetElementsAdd.library / .nftFile); the ip
      # column of this row is nft -f. Milliseconds per 100,000 elements.
      put $w $r lib "$(jmh 'SetElementsAdd' SetElementsAdd.library '' -f 1 -wi 3 -i 5)"
      put $w $r ip "$(lastscore SetElementsAdd.nftFile)" ;;
    *) echo "compare.sh: unknown workload $w" >&2; exit 2 ;;
    esac
  done
done

# The table: per workload and side, the median over rounds.
med() { awk -v w="$1" -v s="$2" '$1 == w && $3 == s && $4 != "" { print $4 }' "$res" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "jnetlink vs ip -batch$([ -n "$withc" ] && echo " vs raw C") on $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), median of $ROUNDS round(s)"
printf '%-22s %-10s %12s %12s %8s' workload unit jnetlink ip lib/ip
[ -n "$withc" ] && printf ' %12s %8s' raw-C lib/C
printf '  %s\n' target
row() { # workload unit higher-is-better(1|0) ip-workload target-text check(awk expr over lib, ip, c)
  local w=$1 unit=$2 hib=$3 ipw=$4 tgt=$5 chk=$6 lib ipv c ratio cratio ok
  lib=$(med "$w" lib); ipv=$(med "$ipw" ip); c=$(med "$w" c)
  [ -z "$lib" ] && return 0
  ratio=$(awk -v a="$lib" -v b="$ipv" -v h="$hib" 'BEGIN { if (b == "" || a == 0 || b == 0) print "-"; else printf "%.2fx", h ? a / b : b / a }')
  cratio=$(awk -v a="$lib" -v b="$c" -v h="$hib" 'BEGIN { if (b == "" || a == 0 || b == 0) print "-"; else printf "%.2fx", h ? a / b : b / a }')
  ok=$(awk -v lib="$lib" -v ip="${ipv:-0}" -v c="${c:-0}" "BEGIN { r = ($chk); print (r == 2 ? \"n/a\" : (r ? \"met\" : \"MISSED\")) }")
  printf '%-22s %-10s %12s %12s %8s' "$w" "$unit" "$lib" "${ipv:--}" "$ratio"
  [ -n "$withc" ] && printf ' %12s %8s' "${c:--}" "$cratio"
  printf '  %s: %s\n' "$tgt" "$ok"
}
row create       pairs/s 1 create    ">=1.3x ip, >=0.95x C" 'c > 0 ? (lib >= 1.3 * ip && lib >= 0.95 * c) : lib >= 1.3 * ip'
row churn        pairs/s 1 churn     ">=0.95x ip"           'lib >= 0.95 * ip'
row churn-bulk   pairs/s 1 churn     ">=30x ip one-by-one"  'lib >= 30 * ip'
row bridge500    s       0 bridge500 "<=1/15 of ip time"    'lib * 15 <= ip'
row bridge500-groupdel s 0 bridge500 "<=1/15 of ip time"    'lib * 15 <= ip'
# issue 20: full records at >= 0.95x raw C (without a C column: issue 7's absolute targets)
row getlink      ops/s   1 getlink   ">=0.95x C"            'c > 0 ? lib >= 0.95 * c : lib >= 160000'
row getlink-lean ops/s   1 getlink   ">=160,000/s"          'lib >= 160000'
row getlink64    links/s 1 getlink   ">=0.95x C"            'c > 0 ? lib >= 0.95 * c : lib >= 300000'
row getlink64-lean links/s 1 getlink ">=300,000/s"          'lib >= 300000'
row dump         dumps/s 1 dump      ">=0.95x C"            'c > 0 ? lib >= 0.95 * c : lib >= 600'
row dump-lean    dumps/s 1 dump      ">=600/s"              'lib >= 600'
row routedump    dumps/s 1 routedump ">=0.95x C"            'c > 0 ? lib >= 0.95 * c : 2'
row addrdump     dumps/s 1 addrdump  ">=0.95x C"            'c > 0 ? lib >= 0.95 * c : 2'
row attach       ms      0 attach    "median <=2 ms"        'lib <= 2'
row attach-teardown ms   0 attach-teardown "(none)"         '2'
row routes       routes/s 1 routes   ">=1.5x ip, >=0.9x C"  'c > 0 ? (lib >= 1.5 * ip && lib >= 0.9 * c) : lib >= 1.5 * ip'
row setadd       ms      0 setadd    "one transaction, <= nft -f" 'lib <= ip'
echo "ip side: benchmarks/ipbatch.sh (ip -batch; getlink/dump print to /dev/null; attach = ip netns add + 2 ip -batch runs)."
echo "routes: 100,000 IPv4 routes; C = benchmarks/c/routebench.c (ROUTEBENCH), 256 per send like the library."
echo "setadd: 100,000 addresses into a named set in one transaction; its ip column is nft -f of the same elements (same JMH run)."
echo "routedump: the IPv4 main table of 10,000 routes (C: routebench dump); addrdump: 1,002 addresses (C: ADDRBENCH, addrbench dump)."
echo "-lean rows: the same through Links.modeledOnly() (records without the unmodeled attributes). Pinned to CPU ${CPU:-none} (bridge500 never)."
if [ -n "${RAW:-}" ]; then echo; echo "raw results (workload round side value):"; cat "$res"; fi
[ -s "$work/failed" ] && { echo; echo "FAILED runs (their rows are missing):"; cat "$work/failed"; }
if [ -n "$(med churn-bulk ip)" ]; then
  echo "churn-bulk's ip column is ip one pair at a time (the target's baseline); ip's own group-delete form: $(med churn-bulk ip) pairs/s."
fi
exit 0
