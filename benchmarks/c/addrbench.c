/*
 * addrbench.c - the C twin of the DumpAddresses benchmark: full RTM_GETADDR dumps read with raw
 * rtnetlink, no library in between. Framed like the other C twins (nlframe.h).
 *
 * Build:  gcc -O2 -Wall -o /tmp/addrbench benchmarks/c/addrbench.c
 * Run ONLY inside a scratch network namespace, e.g.
 *         ip netns add bench-addrs && ip netns exec bench-addrs /tmp/addrbench dump 300 1000
 * (the program refuses to run unless it is inside a /run/netns/bench-* netns).
 *
 *   dump N ADDRS  sets lo up and adds ADDRS addresses to it (untimed, 64 per send): ADDRS/2 IPv4
 *                 10.A.B.C/32 (the i-th from 10.0.0.1) and ADDRS/2 IPv6 fd00::/128 + i + 1 with
 *                 IFA_F_NODAD, as `ip addr add ... dev lo [nodad]`; then N full dumps (RTM_GETADDR,
 *                 NLM_F_DUMP, an all-zero ifaddrmsg: what the library's Addresses.list() sends),
 *                 each read to NLMSG_DONE with its address messages counted (timed); then deletes
 *                 the addresses (untimed). lo's own 127.0.0.1 and ::1 are in every dump too.
 *
 * Output: one line of key=value pairs (read by benchmarks/compare.sh).
 */
#include "nlframe.h"
#include <linux/if_addr.h>

/* the i-th address: IPv4 10.0.0.1 + i for i < half, else IPv6 fd00::(i - half + 1) */
static void addr_of(int i, int half, int *family, unsigned char a[16], int *plen)
{
	memset(a, 0, 16);
	if (i < half) {
		uint32_t v = htonl(0x0A000001u + (uint32_t)i);
		memcpy(a, &v, 4);
		*family = AF_INET;
		*plen = 32;
	} else {
		uint32_t n = (uint32_t)(i - half) + 1;
		a[0] = 0xfd;
		a[12] = n >> 24; a[13] = n >> 16; a[14] = n >> 8; a[15] = n;
		*family = AF_INET6;
		*plen = 128;
	}
}

/* ip addr add|del ADDR/PLEN dev lo [nodad] */
static void req_addr(int type, int i, int half, int lo)
{
	int family, plen;
	unsigned char a[16];
	addr_of(i, half, &family, a, &plen);
	int create = type == RTM_NEWADDR;
	msg_start(type, NLM_F_ACK | (create ? NLM_F_CREATE | NLM_F_EXCL : 0));
	struct ifaddrmsg *ifa = put(sizeof *ifa);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_flags = create && family == AF_INET6 ? IFA_F_NODAD : 0;
	ifa->ifa_index = lo;
	int len = family == AF_INET ? 4 : 16;
	attr(IFA_LOCAL, a, len);
	attr(IFA_ADDRESS, a, len);
	queued();
}

static int dump_addrs(size_t *bytes)
{
	msg_start(RTM_GETADDR, NLM_F_DUMP);
	put(sizeof(struct ifaddrmsg));
	msg_end();
	return dump_count(RTM_NEWADDR, bytes);
}

static void bench_dump(int n, int addrs)
{
	int lo = if_nametoindex("lo");
	if (!lo) die("if_nametoindex lo");
	set_up(lo);
	int half = addrs / 2;
	K = 64;
	for (int i = 0; i < addrs; i++)
		req_addr(RTM_NEWADDR, i, half, lo);
	flush();
	size_t bytes = 0;
	int seen = 0;
	double t0 = now();
	for (int i = 0; i < n; i++) seen = dump_addrs(&bytes);
	double t = now() - t0;
	for (int i = 0; i < addrs; i++)
		req_addr(RTM_DELADDR, i, half, lo);
	flush();
	printf("bench=addr-dump n=%d addrs_per_dump=%d bytes_per_dump=%zu total_s=%.6f dumps_per_s=%.1f addrs_per_s=%.0f addrs_after=%d\n",
	       n, seen, bytes / n, t, n / t, (double)n * seen / t, dump_addrs(NULL));
}

int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[1], "dump")) {
		fprintf(stderr, "usage: %s dump N ADDRS\n", argv[0]);
		return 2;
	}
	refuse_root_netns();
	open_sock(1);
	int n = atoi(argv[2]);
	int addrs = atoi(argv[3]);
	if (n <= 0 || addrs <= 0) { fprintf(stderr, "N and ADDRS must be positive\n"); return 2; }
	bench_dump(n, addrs);
	return 0;
}
