#!/bin/sh
# Re-captures the iproute2 golden requests of this directory (run as root; touches only the
# throwaway namespace jnl-t-golden-cap). Each .hex file holds the bytes of the one sendmsg that
# carries the command's request (the RTM_NEW*/RTM_DEL*/RTM_GET* after iproute2's own name lookup).
set -e
NS=jnl-t-golden-cap
ip netns del $NS 2>/dev/null || true
ip netns add $NS
trap 'ip netns del $NS' EXIT
ip -n $NS link add gx0 type veth peer name gx1   # gx0 gets ifindex 3 in a fresh namespace
ip -n $NS link set gx0 up
ip -n $NS link set gx1 up
ip -n $NS addr add 192.168.16.6/24 dev gx1      # gx1 (ifindex 2) reaches the second multipath gateway
cap() { # cap NAME MSGTYPE cmd...
  name=$1; type=$2; shift 2
  strace -f -e trace=sendmsg,sendto -e write=all -xx -s 65535 -o /tmp/$name.trace "$@" >/dev/null
  { echo "# command: $*"; echo "# ifindex of gx0: 3, gx1: 2; $(ip -V)"; echo "# $(uname -sr)";
    awk -v t="$type" '/sendmsg\(/ {keep = index($0, "nlmsg_type=" t) > 0} /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] / && keep {
        line = substr($0, 11, 49); print line }' /tmp/$name.trace; } > $name.hex
  rm -f /tmp/$name.trace
}
cap rtm_newaddr_v4_brd_plus 0x14 ip -n $NS addr add 192.168.15.5/24 brd + dev gx0
cap rtm_newaddr_v4_lifetimes 0x14 ip -n $NS addr add 10.5.0.1/24 dev gx0 valid_lft 100 preferred_lft 50
cap rtm_newaddr_v6 0x14 ip -n $NS addr add fd00::5/64 dev gx0
cap rtm_newroute_default_via 0x18 ip -n $NS route add default via 192.168.15.5
cap rtm_newroute_v4_full 0x18 ip -n $NS route add 10.9.0.0/16 via 192.168.15.7 dev gx0 src 192.168.15.5 metric 50 table 1000
cap rtm_newroute_v6_default 0x18 ip -n $NS route add default via fd00::7 dev gx0
cap rtm_newroute_blackhole 0x18 ip -n $NS route add blackhole 10.66.0.0/16 table 100
cap rtm_newroute_multipath 0x18 ip -n $NS route add 10.70.0.0/16 nexthop via 192.168.15.7 dev gx0 weight 2 nexthop via 192.168.16.8 dev gx1
cap rtm_delroute_v4 0x19 ip -n $NS route del 10.9.0.0/16 via 192.168.15.7 table 1000
cap rtm_deladdr_v4 0x15 ip -n $NS addr del 192.168.15.5/24 dev gx0
cap rtm_newneigh_permanent 0x1c ip -n $NS neigh add 192.168.15.9 lladdr 02:00:00:00:00:09 nud permanent dev gx0
cap rtm_delneigh 0x1d ip -n $NS neigh del 192.168.15.9 dev gx0
# links (after the address/route captures, so their ifindexes stay as documented)
cap rtm_newlink_bridge 0x10 ip -n $NS link add v-net-0 type bridge
cap rtm_newlink_set_master 0x10 ip -n $NS link set gx0 master v-net-0
cap rtm_newlink_veth 0x10 ip -n $NS link add va type veth peer name vb
# kinds (#13): each kind's IFLA_INFO_DATA as iproute2 writes it (gx0 is still ifindex 3); the
# fixtures' own link names, so the links of earlier captures are deleted first
ip -n $NS link del va
cap rtm_newlink_veth_mtu_mac_group 0x10 ip -n $NS link add va mtu 1400 address 02:00:00:00:00:01 group 5 type veth peer name vb
cap rtm_newlink_bridge_stp 0x10 ip -n $NS link add br1 type bridge stp_state 1
cap rtm_newlink_vxlan 0x10 ip -n $NS link add vx0 type vxlan id 42 local 192.168.15.5 remote 192.168.15.9 dstport 4789
cap rtm_newlink_vxlan_v6 0x10 ip -n $NS link add vx6 type vxlan id 43 local fd00::5 remote fd00::9 dstport 8472
ip -n $NS link del vx0
cap rtm_newlink_vxlan_dev 0x10 ip -n $NS link add vx0 type vxlan id 42 dev gx0 local 192.168.15.5 remote 192.168.15.9 dstport 4789
cap rtm_newlink_macvlan 0x10 ip -n $NS link add mv0 link gx0 type macvlan mode private
