#!/bin/sh
# Re-captures the iproute2 golden requests of the rule/, nexthop/, bridge/, kind/ and linkset/
# directories (issue #16; run as root from this directory; touches only the throwaway namespace
# jnl-t-golden-cap2). Each .hex holds the bytes of the sendmsg calls that carry the command's
# request of the given message type, after iproute2's own name lookups. Commands this kernel
# refuses (link kinds it lacks, vlan_filtering) still leave their request in the trace: their
# fixtures are captured the same way, and the refusal is noted in the fixture.
# ONLY="kind/bond kind/gre" captures just those fixtures (the namespace is still set up whole);
# NS=... names the throwaway namespace (default jnl-t-golden-cap2).
set -e
NS=${NS:-jnl-t-golden-cap2}
ip netns del $NS 2>/dev/null || true
ip netns add $NS
trap 'ip netns del $NS' EXIT
n() { ip -n $NS "$@"; }
n link add gx0 type veth peer name gx1        # gx1: ifindex 2, gx0: ifindex 3
n link set lo up                              # a blackhole nexthop uses lo, which must be up
n link set gx0 up
n link set gx1 up
n addr add 192.168.15.5/24 dev gx0
n addr add 192.168.16.6/24 dev gx1
n addr add fd00::5/64 dev gx0 nodad
n link add br0 type bridge                    # ifindex 4
n link add bp0 type veth peer name bp1        # bp1: 5, bp0: 6
n link set bp0 master br0
n link set br0 up
n link set bp0 up
n link set bp1 up
n link add vx0 type vxlan id 42 dstport 4789 local 192.168.15.5 nolearning   # ifindex 7
n link set vx0 up
idx() { n -o link show dev "$1" | cut -d: -f1; }
INDEXES="gx1 $(idx gx1), gx0 $(idx gx0), br0 $(idx br0), bp1 $(idx bp1), bp0 $(idx bp0), vx0 $(idx vx0)"
wanted() { [ -z "$ONLY" ] || case " $ONLY " in *" $1 "*) true;; *) false;; esac; }
cap() { # cap NAME MSGTYPE cmd...  (NAME is dir/file without .hex)
  wanted "$1" || return 0
  name=$1; type=$2; shift 2
  trace=/tmp/jnl-golden-$$.trace
  if strace -f -e trace=sendmsg,sendto -e write=all -xx -s 65535 -o $trace "$@" >/dev/null 2>/tmp/jnl-golden-$$.err; then
    result="accepted by the kernel"
  else
    result="refused here: $(head -c 200 /tmp/jnl-golden-$$.err | tr '\n' ' ')"
  fi
  { echo "# command: $*"; echo "# ifindex: $INDEXES; $(ip -V)"; echo "# $(uname -sr); $result";
    awk -v t="$type" '/sendmsg\(/ {keep = index($0, "nlmsg_type=" t) > 0} /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] / && keep {
        line = substr($0, 11, 49); print line }' $trace; } > $name.hex
  rm -f $trace /tmp/jnl-golden-$$.err
}
capreply() { # capreply NAME MSGTYPE FAMILY cmd...: the first message of that type and family the kernel sent
  wanted "$1" || return 0
  name=$1; type=$2; family=$3; shift 3
  trace=/tmp/jnl-golden-$$.trace
  strace -f -e trace=recvmsg -e read=all -xx -s 65535 -o $trace "$@" >/dev/null
  { echo "# kernel reply (recvmsg) to: $*"; echo "# ifindex: $INDEXES; $(ip -V)"; echo "# $(uname -sr)";
    python3 - "$trace" "$type" "$family" <<'PY'
import re, struct, sys
trace, want, fam = sys.argv[1], int(sys.argv[2], 16), int(sys.argv[3])
blocks, cur = [], None
for line in open(trace):
    if 'recvmsg(' in line:
        cur = []; blocks.append(cur)
    elif cur is not None and re.match(r'^ \| [0-9a-f]{5} ', line):
        cur.append(bytes.fromhex(line[10:59].replace(' ', '')))
for b in (b''.join(x) for x in blocks):
    off = 0
    while off + 17 <= len(b):
        length, typ = struct.unpack_from('<IH', b, off)
        if length < 16:
            break
        if typ == want and b[off + 16] == fam:
            m = b[off:off + length]
            for i in range(0, len(m), 16):
                c = m[i:i + 16].hex(' ')
                print(c[:23] + '  ' + c[24:] if len(c) > 23 else c)
            sys.exit(0)
        off += (length + 3) & ~3
sys.exit('no message of type %#x and family %d' % (want, fam))
PY
  } > $name.hex
  rm -f $trace
}
mkdir -p rule nexthop bridge kind linkset
I="ip -n $NS"
B="bridge -n $NS"

# ---- policy rules: RTM_NEWRULE 0x20, RTM_DELRULE 0x21
cap rule/add_v4_from 0x20 $I rule add priority 1000 from 10.1.0.0/16 table 100
cap rule/add_v4_full 0x20 $I rule add priority 1001 from 10.1.0.0/16 to 10.2.0.0/16 iif gx0 oif gx1 fwmark 0x10/0xff table 200
cap rule/add_v4_blackhole 0x20 $I rule add priority 1002 to 10.3.0.0/16 blackhole
cap rule/add_v4_unreachable 0x20 $I rule add priority 1003 from 10.4.0.0/16 unreachable
cap rule/add_v4_prohibit 0x20 $I rule add priority 1004 from 10.5.0.0/16 prohibit
cap rule/add_v4_goto 0x20 $I rule add priority 1005 from 10.6.0.0/16 goto 1010
cap rule/add_v4_suppress 0x20 $I rule add priority 1006 table main suppress_prefixlength 0
cap rule/add_v4_l3mdev 0x20 $I rule add priority 1007 l3mdev
cap rule/add_v4_uidrange 0x20 $I rule add priority 1008 uidrange 1000-2000 table 100
cap rule/add_v4_ports 0x20 $I rule add priority 1009 ipproto tcp sport 1000-2000 dport 80 table 100
cap rule/add_v6_from 0x20 $I -6 rule add priority 2000 from fd00:1::/64 table 300
cap rule/add_v6_full 0x20 $I -6 rule add priority 2001 from fd00:1::/64 to fd00:2::/64 fwmark 7 table 400
cap rule/del_v4 0x21 $I rule del priority 1000 from 10.1.0.0/16 table 100
cap rule/del_v6 0x21 $I -6 rule del priority 2000

# ---- nexthop objects: RTM_NEWNEXTHOP 0x68, RTM_DELNEXTHOP 0x69; routes RTM_NEWROUTE 0x18
cap nexthop/add_gateway 0x68 $I nexthop add id 1 via 192.168.15.7 dev gx0
cap nexthop/add_dev 0x68 $I nexthop add id 2 dev gx1
cap nexthop/add_v6 0x68 $I nexthop add id 3 via fd00::7 dev gx0
cap nexthop/add_blackhole 0x68 $I nexthop add id 4 blackhole
cap nexthop/add_onlink 0x68 $I nexthop add id 5 via 10.99.0.1 dev gx0 onlink
$I nexthop add id 6 via 192.168.16.8 dev gx1
cap nexthop/add_group 0x68 $I nexthop add id 10 group 1,2/6
cap nexthop/add_resilient 0x68 $I nexthop add id 11 group 1/6 type resilient buckets 8 idle_timer 60 unbalanced_timer 120
cap nexthop/route_nhid 0x18 $I route add 10.80.0.0/16 nhid 10
cap nexthop/route_nhid_v6 0x18 $I -6 route add fd00:80::/64 nhid 3
if wanted nexthop/route_nhid; then $I route del 10.80.0.0/16; fi
cap nexthop/del 0x69 $I nexthop del id 10

# ---- bridge options (RTM_NEWLINK 0x10)
cap bridge/link_options 0x10 $I link add br1 type bridge stp_state 1 forward_delay 400 ageing_time 30000 mcast_snooping 0
cap bridge/link_vlan_filtering 0x10 $I link add br2 type bridge vlan_filtering 1 vlan_default_pvid 1
cap bridge/link_set_stp 0x10 $I link set dev br0 type bridge stp_state 1
# ---- bridge port options: RTM_SETLINK 0x13, AF_BRIDGE, IFLA_PROTINFO
cap bridge/port_learning_off 0x13 $B link set dev bp0 learning off
cap bridge/port_all 0x13 $B link set dev bp0 cost 10 priority 5 hairpin on learning on flood off isolated on
# the kernel's report of a port to AF_BRIDGE (RTM_NEWLINK 0x10, family 7), after the options above
capreply bridge/reply_port_newlink 0x10 7 $B link show dev bp0
# ---- port VLANs: RTM_SETLINK 0x13 / RTM_DELLINK 0x11, IFLA_AF_SPEC
cap bridge/vlan_add_pvid 0x13 $B vlan add dev bp0 vid 10 pvid untagged
cap bridge/vlan_add_range 0x13 $B vlan add dev bp0 vid 20-30
cap bridge/vlan_del 0x11 $B vlan del dev bp0 vid 10
# ---- FDB: RTM_NEWNEIGH 0x1c / RTM_DELNEIGH 0x1d, AF_BRIDGE
cap bridge/fdb_add_master_static 0x1c $B fdb add 02:00:00:00:00:a1 dev bp0 master static
cap bridge/fdb_add_self_permanent 0x1c $B fdb add 02:00:00:00:00:a2 dev bp0 self permanent
cap bridge/fdb_replace_master 0x1c $B fdb replace 02:00:00:00:00:a1 dev bp0 master static
cap bridge/fdb_append_vxlan 0x1c $B fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.15.8 self permanent
cap bridge/fdb_add_vxlan_full 0x1c $B fdb add 02:00:00:00:00:b1 dev vx0 dst 192.168.15.9 vni 42 port 4789 self permanent
cap bridge/fdb_del_master 0x1d $B fdb del 02:00:00:00:00:a1 dev bp0 master
cap bridge/fdb_del_vxlan 0x1d $B fdb del 02:00:00:00:00:b1 dev vx0 dst 192.168.15.9 self
cap bridge/fdb_add_master_vlan 0x1c $B fdb add 02:00:00:00:00:a3 dev bp0 master static vlan 10
cap bridge/fdb_add_self_vlan 0x1c $B fdb add 02:00:00:00:00:a4 dev bp0 self permanent vlan 20
cap bridge/fdb_del_master_vlan 0x1d $B fdb del 02:00:00:00:00:a3 dev bp0 master vlan 10
cap bridge/fdb_add_vxlan_vlan 0x1c $B fdb add 02:00:00:00:00:a5 dev vx0 dst 192.168.15.9 vlan 30 vni 42 port 4789 self permanent

# ---- link settings (RTM_NEWLINK 0x10)
cap linkset/txqueuelen 0x10 $I link set dev gx0 txqueuelen 500
cap linkset/alias 0x10 $I link set dev gx0 alias uplink-a
cap linkset/allmulticast_on 0x10 $I link set dev gx0 allmulticast on
cap linkset/promisc_on 0x10 $I link set dev gx0 promisc on
cap linkset/arp_off 0x10 $I link set dev gx0 arp off
cap linkset/arp_on 0x10 $I link set dev gx0 arp on

# ---- link kinds (RTM_NEWLINK 0x10)
cap kind/vlan 0x10 $I link add vl10 link gx0 type vlan id 10
cap kind/vlan_8021ad 0x10 $I link add vl20 link gx0 type vlan id 20 protocol 802.1ad
cap kind/dummy 0x10 $I link add dm0 type dummy
cap kind/bond 0x10 $I link add bd0 type bond mode active-backup miimon 100
cap kind/ipvlan_l2 0x10 $I link add ipv0 link gx0 type ipvlan mode l2
cap kind/ipvlan_l3 0x10 $I link add ipv1 link gx0 type ipvlan mode l3
cap kind/ipvlan_l3s 0x10 $I link add ipv2 link gx0 type ipvlan mode l3s
cap kind/macvtap 0x10 $I link add mvt0 link gx0 type macvtap mode bridge
cap kind/ifb 0x10 $I link add ifb0 type ifb
cap kind/vrf 0x10 $I link add vrf0 type vrf table 10
cap kind/wireguard 0x10 $I link add wg0 type wireguard
cap kind/gre 0x10 $I link add gre1 type gre local 192.168.15.5 remote 192.168.15.9 key 7 ttl 64
cap kind/gretap 0x10 $I link add gtap1 type gretap local 192.168.15.5 remote 192.168.15.9 key 7 ttl 64
cap kind/ipip 0x10 $I link add ipip1 type ipip local 192.168.15.5 remote 192.168.15.9 ttl 64
cap kind/sit 0x10 $I link add sit1 type sit local 192.168.15.5 remote 192.168.15.9 ttl 64
cap kind/ip6tnl 0x10 $I link add ip6t1 type ip6tnl local fd00::5 remote fd00::9 ttl 64
cap kind/geneve 0x10 $I link add gnv0 type geneve id 100 remote 192.168.15.9 ttl 64
cap kind/tun 0x10 $I link add tun1 type tun
cap kind/bond_plain 0x10 $I link add bd1 type bond
cap kind/gre_nokey 0x10 $I link add gre2 type gre remote 192.168.15.9
cap kind/ip6tnl_remote 0x10 $I link add ip6t2 type ip6tnl remote fd00::9
cap kind/geneve_v6 0x10 $I link add gnv6 type geneve id 101 remote fd00::9 ttl 64 dstport 6082
# a veth created enslaved to br0 (ifindex 4) and up: IFLA_MASTER and IFF_UP in the create request (#18)
cap kind/veth_master_up 0x10 $I link add vm0 master br0 up type veth peer name vm1
# (not captured: "... type veth peer name vn1 up", the peer's own IFF_UP in its ifinfomsg inside
# VETH_INFO_PEER, is refused by Linux 6.18 with ENOTCONN: the peer is opened before it has a peer)
# tun/tap: made through /dev/net/tun (ip tuntap); the kernel's RTM_NEWLINK (family 0) of each, for the decoder
if wanted kind/reply_tap; then $I tuntap add mode tap tp0 user 1000 group 1000 multi_queue; fi
capreply kind/reply_tap 0x10 0 $I -d link show dev tp0
if wanted kind/reply_tun; then $I tuntap add mode tun tn0 pi vnet_hdr; fi
capreply kind/reply_tun 0x10 0 $I -d link show dev tn0
