/*
 * routebench.c - the C twin of the RouteInstall benchmark: N IPv4 routes installed with raw
 * rtnetlink, K requests per sendmsg, every ACK read and checked, no library in between. It sits
 * beside the shared link reference (shared/reference/nlbench.c) and is framed the same way.
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
 *
 * Output: one line of key=value pairs (read by benchmarks/compare.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <dirent.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

static int fd;
static uint32_t seq;
static char sbuf[4 << 20];
static size_t slen, cur_msg;
static int pending;           /* requests in sbuf awaiting an ACK */
static int K = 1;             /* flush threshold */
static char rbuf[1 << 20];

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *m) { perror(m); exit(1); }

static void *put(size_t len)
{
	void *p = sbuf + slen;
	size_t al = NLMSG_ALIGN(len);
	if (slen + al > sizeof sbuf) { fprintf(stderr, "sbuf overflow\n"); exit(1); }
	memset(p, 0, al);
	slen += al;
	return p;
}

static struct nlmsghdr *msg_start(int type, int flags)
{
	cur_msg = slen;
	struct nlmsghdr *n = put(sizeof *n);
	n->nlmsg_type = type;
	n->nlmsg_flags = NLM_F_REQUEST | flags;
	n->nlmsg_seq = ++seq;
	return n;
}

static void msg_end(void)
{
	((struct nlmsghdr *)(sbuf + cur_msg))->nlmsg_len = slen - cur_msg;
}

static void attr(int type, const void *data, int len)
{
	struct rtattr *a = put(RTA_LENGTH(len));
	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, len);
}
static void attr_u32(int type, uint32_t v) { attr(type, &v, 4); }

static void send_buf(void)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	struct iovec iov = { sbuf, slen };
	struct msghdr mh = { .msg_name = &k, .msg_namelen = sizeof k,
			     .msg_iov = &iov, .msg_iovlen = 1 };
	if (sendmsg(fd, &mh, 0) != (ssize_t)slen) die("sendmsg");
	slen = 0;
}

/* read until `want` NLMSG_ERROR (ACK) messages arrived; abort on error != 0 */
static void read_acks(int want)
{
	while (want > 0) {
		ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
		if (n < 0) { if (errno == EINTR) continue; die("recv"); }
		for (struct nlmsghdr *h = (void *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);
				if (e->error) {
					fprintf(stderr, "netlink error %d (%s) seq %u\n",
						e->error, strerror(-e->error), e->msg.nlmsg_seq);
					exit(1);
				}
				want--;
			}
		}
	}
}

/* flush queued requests: one sendmsg, then collect all ACKs */
static void flush(void)
{
	if (!pending) return;
	send_buf();
	read_acks(pending);
	pending = 0;
}
static void queued(void) { msg_end(); if (++pending >= K) flush(); }

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

static void set_up(int idx)
{
	msg_start(RTM_NEWLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = put(sizeof *ifi);
	ifi->ifi_index = idx;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
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

static void open_sock(void)
{
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0) die("socket");
	int sz = 8 << 20;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof sz) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	if (bind(fd, (void *)&a, sizeof a) < 0) die("bind");
}

/* Safety: only run if the current netns is a named namespace /run/netns/bench-*. */
static void refuse_root_netns(void)
{
	struct stat me, st;
	char path[512];
	if (stat("/proc/self/ns/net", &me)) die("stat /proc/self/ns/net");
	DIR *d = opendir("/run/netns");
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "bench-", 6)) continue;
		snprintf(path, sizeof path, "/run/netns/%s", de->d_name);
		if (!stat(path, &st) && st.st_ino == me.st_ino && st.st_dev == me.st_dev) {
			closedir(d);
			return;
		}
	}
	if (d) closedir(d);
	fprintf(stderr, "refusing to run: not inside a /run/netns/bench-* namespace (use ip netns exec bench-...)\n");
	exit(2);
}

static void bench_install(int n)
{
	int lo = if_nametoindex("lo");
	if (!lo) die("if_nametoindex lo");
	int saveK = K; K = 1; set_up(lo); K = saveK;
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

int main(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "install")) {
		fprintf(stderr, "usage: %s install N [K]\n", argv[0]);
		return 2;
	}
	refuse_root_netns();
	open_sock();
	int n = atoi(argv[2]);
	K = argc > 3 ? atoi(argv[3]) : 1;
	if (n <= 0 || K <= 0) { fprintf(stderr, "N and K must be positive\n"); return 2; }
	bench_install(n);
	return 0;
}
