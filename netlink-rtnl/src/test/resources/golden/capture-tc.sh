#!/bin/sh
# Re-captures the tc (iproute2) golden requests of this directory (the tc_*.hex files). Run as root; touches only the
# throwaway namespace jnl-t-tc-cap-$$ (a veth pair gx0/gx1 in it: gx1 ifindex 2, gx0 ifindex 3).
# Each .hex file holds the bytes of the one sendmsg that carries the command's request (the
# RTM_*QDISC/TCLASS/TFILTER after tc's own RTM_GETLINK name lookup). Kinds this kernel lacks
# (netem, fq_codel, prio, sfq, gact, police, matchall, flower) are refused by the kernel, but the
# request is sent first, so strace still records it; the command's exit status is ignored.
set -e
NS=jnl-t-tc-cap-$$
ip netns add $NS
trap 'ip netns del $NS' EXIT
ip -n $NS link add gx0 type veth peer name gx1   # gx0 gets ifindex 3 in a fresh namespace
ip -n $NS link set gx0 up
ip -n $NS link set gx1 up
cap() { # cap NAME MSGTYPE tc-args...
  name=$1; type=$2; shift 2
  name=tc_$name
  strace -f -e trace=sendmsg,sendto -e write=all -xx -s 65535 -o /tmp/$name.trace tc -n $NS "$@" >/dev/null 2>/tmp/$name.err || true
  { echo "# command: tc $*"; echo "# ifindex of gx0: 3, gx1: 2; $(tc -V)"; echo "# $(uname -sr)";
    if [ -s /tmp/$name.err ]; then sed 's/^/# tc said: /' /tmp/$name.err; fi
    awk -v t="$type" '/sendmsg\(/ {keep = index($0, "nlmsg_type=" t " ") > 0} /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] / && keep {
        line = substr($0, 11, 49); print line }' /tmp/$name.trace; } > $name.hex
  rm -f /tmp/$name.trace /tmp/$name.err
}
NEWQ=0x24 DELQ=0x25 GETQ=0x26 NEWC=0x28 DELC=0x29 GETC=0x2a NEWF=0x2c DELF=0x2d GETF=0x2e
# ---- qdiscs the kernel has
cap qdisc_pfifo $NEWQ qdisc add dev gx0 root handle 1: pfifo limit 100
cap qdisc_del_root $DELQ qdisc del dev gx0 root
cap qdisc_bfifo $NEWQ qdisc add dev gx0 root handle 1: bfifo limit 10000
tc -n $NS qdisc del dev gx0 root
cap qdisc_tbf_latency $NEWQ qdisc add dev gx0 root handle 1: tbf rate 20mbit burst 32kb latency 50ms
cap qdisc_tbf_change_limit $NEWQ qdisc change dev gx0 root handle 1: tbf rate 10mbit burst 16kb limit 30000
cap qdisc_tbf_replace_peakrate $NEWQ qdisc replace dev gx0 root handle 1: tbf rate 20mbit burst 32kb limit 100000 peakrate 30mbit mtu 1600
cap qdisc_tbf_10gbit $NEWQ qdisc replace dev gx0 root handle 1: tbf rate 10gbit burst 10mb latency 10ms
cap qdisc_tbf_40gbit $NEWQ qdisc replace dev gx0 root handle 1: tbf rate 40gbit burst 40mb latency 10ms
tc -n $NS qdisc del dev gx0 root
cap qdisc_htb $NEWQ qdisc add dev gx0 root handle 1: htb default 20 r2q 5
cap class_htb_full $NEWC class add dev gx0 parent 1: classid 1:10 htb rate 10mbit ceil 20mbit burst 15k cburst 15k prio 1 quantum 1500
cap class_htb_rate $NEWC class add dev gx0 parent 1: classid 1:20 htb rate 5mbit
cap class_htb_change $NEWC class change dev gx0 parent 1: classid 1:20 htb rate 6mbit ceil 8mbit
cap class_htb_replace_64bit $NEWC class replace dev gx0 parent 1: classid 1:30 htb rate 40gbit
cap class_del $DELC class del dev gx0 classid 1:30
cap filter_u32_ip_dst $NEWF filter add dev gx0 parent 1: protocol ip prio 1 u32 match ip dst 10.0.0.2/32 flowid 1:10
cap filter_u32_ip_ports $NEWF filter add dev gx0 parent 1: protocol ip prio 2 u32 match ip src 10.0.0.0/24 match ip protocol 6 0xff match ip sport 80 0xffff match ip dport 5001 0xffff flowid 1:10
cap filter_u32_ip6 $NEWF filter add dev gx0 parent 1: protocol ipv6 prio 3 u32 match ip6 src fd00::/64 match ip6 dst fd00::2/128 match ip6 protocol 17 0xff match ip6 dport 5001 0xffff flowid 1:20
cap filter_u32_replace $NEWF filter replace dev gx0 parent 1: protocol ip prio 1 handle 800::800 u32 match ip dst 10.0.0.3/32 flowid 1:20
cap qdisc_dump $GETQ qdisc show dev gx0
cap class_dump $GETC class show dev gx0
cap filter_dump $GETF filter show dev gx0 parent 1:
cap filter_del $DELF filter del dev gx0 parent 1: protocol ip prio 1 handle 800::800 u32
cap filter_del_prio $DELF filter del dev gx0 parent 1: protocol ip prio 2
tc -n $NS qdisc del dev gx0 root
cap qdisc_ingress $NEWQ qdisc add dev gx0 ingress
cap qdisc_del_ingress $DELQ qdisc del dev gx0 ingress
cap qdisc_clsact $NEWQ qdisc add dev gx0 clsact
cap filter_mirred_redirect $NEWF filter add dev gx0 ingress protocol all prio 1 u32 match u32 0 0 action mirred egress redirect dev gx1
cap filter_mirred_mirror $NEWF filter add dev gx0 egress protocol all prio 2 u32 match u32 0 0 action mirred ingress mirror dev gx1
cap filter_bpf_bytecode $NEWF filter add dev gx0 ingress protocol all prio 7 bpf bytecode '1,6 0 0 4294967295,' flowid 1:1
# ---- classifiers and actions the kernel lacks (refused after the request was sent)
cap filter_u32_gact_drop $NEWF filter add dev gx0 ingress protocol ip prio 3 u32 match ip dst 10.0.0.2/32 action drop
cap filter_u32_gact_pass $NEWF filter add dev gx0 ingress protocol ip prio 3 u32 match ip dst 10.0.0.2/32 action pass
cap filter_u32_police $NEWF filter add dev gx0 ingress protocol ip prio 4 u32 match ip src 10.0.0.0/8 action police rate 1mbit burst 10k conform-exceed drop/ok
cap filter_matchall $NEWF filter add dev gx0 ingress prio 5 matchall action drop
cap filter_flower $NEWF filter add dev gx0 ingress protocol ip prio 6 flower dst_ip 10.0.0.2 ip_proto tcp dst_port 80 action drop
tc -n $NS qdisc del dev gx0 clsact
# ---- qdisc kinds the kernel lacks
cap qdisc_netem $NEWQ qdisc add dev gx0 root netem limit 1000 delay 100ms 10ms 25% loss 1% duplicate 2% reorder 25% 50% corrupt 0.1% rate 1mbit
cap qdisc_fq_codel $NEWQ qdisc add dev gx0 root fq_codel limit 1000 flows 512 target 5ms interval 100ms quantum 1514 ecn
cap qdisc_prio $NEWQ qdisc add dev gx0 root handle 1: prio bands 3 priomap 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1
cap qdisc_sfq $NEWQ qdisc add dev gx0 root handle 1: sfq perturb 10 quantum 1514 limit 127
