/*
 * routebench.c - the C twin of the RouteInstall benchmark: N IPv4 routes installed with raw
 * rtnetlink, K requests per sendmsg, every ACK read and checked, no library in between. It sits
 * beside the shared link reference (shared/reference/nlbench.c) and is framed the same way
 * (nlframe.h). It is also the C twin of the DumpRoutes benchmark (`dump`).
 *
 * Build:  gcc -O2 -Wall -o /tmp/routebench benchmarks/c/routebench.c
 * Run ONLY inside a scratch network namespace, e.g.
 *         ip netns add bench-routes && ip netns exec bench-routes /tmp/routebench install 100000 256
 * (the program refuses to run unless it is inside a /run/netns/bench-* netns).
 *
 *   install N K   sets lo up (untimed); installs N routes 16.0.0.0/24, 16.0.1.0/24, ... as
 *                 `ip route add 16.A.B.0/24 dev lo proto static` (RTM_NEWROUTE, NLM_F_CREATE |
 *                 NLM_F_EXCL | NLM_F_ACK), K per sendmsg (timed); then deletes them, K per send
 *                 (untimed), and counts the proto-static routes left.
 *   dump N ROUTES installs ROUTES such routes (256 per send, untimed), then N dumps of the IPv4
 *                 main table (RTM_GETROUTE, NLM_F_DUMP, rtm_family AF_INET, rtm_table
 *                 RT_TABLE_MAIN, NETLINK_GET_STRICT_CHK on so the kernel filters: what the
 *                 library's Routes.list(AF_INET, TABLE_MAIN) sends), each read to NLMSG_DONE with
 *                 its route messages counted (timed); then deletes the routes (untimed).
 *
 * Output: one line of key=value pairs (read by benchmarks/compare.sh).
 */
#include "nlframe.h"

/* 16.0.0.0/24 + i: the i-th /24 from 16.0.0.0, in network order */
static uint32_t route_dst(int i) { return htonl(0x10000000u + ((uint32_t)i << 8)); }

/* ip route add|del 16.A.B.0/24 dev lo proto static (what iproute2 sends, attribute for attribute) */
static void req_route(int type, int i, int lo)
{
	int create = type == RTM_NEWROUTE;
	msg_start(type, NLM_F_ACK | (create ? NLM_F_CREATE | NLM_F_EXCL : 0));
	struct rtmsg *r = put(sizeof *r);
	r->rtm_family = AF_INET;
	r->rtm_dst_len = 24;
	r->rtm_table = RT_TABLE_MAIN;
	r->rtm_protocol = RTPROT_STATIC;
	r->rtm_scope = create ? RT_SCOPE_LINK : RT_SCOPE_NOWHERE;
	r->rtm_type = create ? RTN_UNICAST : RTN_UNSPEC;
	uint32_t dst = route_dst(i);
	attr(RTA_DST, &dst, 4);
	attr_u32(RTA_OIF, lo);
	queued();
}

/* proto-static IPv4 routes of the main table, by a dump */
static int static_routes(void)
{
	int saveK = K;
	msg_start(RTM_GETROUTE, NLM_F_DUMP);
	struct rtmsg *r = put(sizeof *r);
	r->rtm_family = AF_INET;
	msg_end();
	send_buf();
	int count = 0;
	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
		if (n < 0) { if (errno == EINTR) continue; die("recv dump"); }
		for (struct nlmsghdr *h = (void *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) { K = saveK; return count; }
			if (h->nlmsg_type == NLMSG_ERROR) { fprintf(stderr, "dump failed\n"); exit(1); }
			struct rtmsg *m = NLMSG_DATA(h);
			if (m->rtm_table == RT_TABLE_MAIN && m->rtm_protocol == RTPROT_STATIC) count++;
		}
	}
}

static void bench_install(int n)
{
	int lo = if_nametoindex("lo");
	if (!lo) die("if_nametoindex lo");
	set_up(lo);
	double t0 = now();
	for (int i = 0; i < n; i++)
		req_route(RTM_NEWROUTE, i, lo);
	flush();
	double t = now() - t0;
	int mid = static_routes();
	double d0 = now();
	for (int i = 0; i < n; i++)
		req_route(RTM_DELROUTE, i, lo);
	flush();
	double dt = now() - d0;
	printf("bench=route-install n=%d k=%d total_s=%.6f routes_per_s=%.1f routes_mid=%d delete_s=%.6f routes_after=%d\n",
	       n, K, t, n / t, mid, dt, static_routes());
}

/* one dump of the IPv4 main table, as Routes.list(AF_INET, TABLE_MAIN) asks for it */
static int dump_main(size_t *bytes)
{
	msg_start(RTM_GETROUTE, NLM_F_DUMP);
	struct rtmsg *r = put(sizeof *r);
	r->rtm_family = AF_INET;
	r->rtm_table = RT_TABLE_MAIN;
	msg_end();
	return dump_count(RTM_NEWROUTE, bytes);
}

static void bench_dump(int n, int routes)
{
	int lo = if_nametoindex("lo");
	if (!lo) die("if_nametoindex lo");
	set_up(lo);
	K = 256;
	for (int i = 0; i < routes; i++)
		req_route(RTM_NEWROUTE, i, lo);
	flush();
	size_t bytes = 0;
	int seen = 0;
	double t0 = now();
	for (int i = 0; i < n; i++) seen = dump_main(&bytes);
	double t = now() - t0;
	for (int i = 0; i < routes; i++)
		req_route(RTM_DELROUTE, i, lo);
	flush();
	printf("bench=route-dump n=%d routes_per_dump=%d bytes_per_dump=%zu total_s=%.6f dumps_per_s=%.1f routes_per_s=%.0f routes_after=%d\n",
	       n, seen, bytes / n, t, n / t, (double)n * seen / t, static_routes());
}

int main(int argc, char **argv)
{
	if (argc < 3 || (strcmp(argv[1], "install") && strcmp(argv[1], "dump"))) {
		fprintf(stderr, "usage: %s install N [K] | dump N ROUTES\n", argv[0]);
		return 2;
	}
	refuse_root_netns();
	int dump = !strcmp(argv[1], "dump");
	open_sock(dump);
	int n = atoi(argv[2]);
	int x = argc > 3 ? atoi(argv[3]) : 1;
	if (n <= 0 || x <= 0) { fprintf(stderr, "N and K (ROUTES) must be positive\n"); return 2; }
	if (dump) {
		bench_dump(n, x);
	} else {
		K = x;
		bench_install(n);
	}
	return 0;
}
