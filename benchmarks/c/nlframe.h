/*
 * nlframe.h - the raw rtnetlink framing the C twins in this directory share (routebench.c,
 * dumpbench.c): one static send buffer filled at the tail, K requests per sendmsg, every ACK read
 * and checked, the bench-* namespace guard. Written the way the shared link reference
 * (shared/reference/nlbench.c) frames its requests, so that every C figure pays the same costs.
 * Header-only (static functions): each program is one translation unit.
 */
#ifndef NLFRAME_H
#define NLFRAME_H
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

#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK 12
#endif

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
static __attribute__((unused)) void attr_u32(int type, uint32_t v) { attr(type, &v, 4); }

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

static void set_up(int idx)
{
	int saveK = K;
	K = 1;
	msg_start(RTM_NEWLINK, NLM_F_ACK);
	struct ifinfomsg *ifi = put(sizeof *ifi);
	ifi->ifi_index = idx;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	queued();
	K = saveK;
}

/* strict: NETLINK_GET_STRICT_CHK on (the library turns it on too: the kernel then honours dump filters) */
static void open_sock(int strict)
{
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0) die("socket");
	int sz = 8 << 20;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof sz) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
	int one = 1;
	if (strict && setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one) < 0)
		die("setsockopt NETLINK_GET_STRICT_CHK");
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

/*
 * One dump: sends the request written between msg_start and msg_end, reads every datagram to
 * NLMSG_DONE and counts the messages of type `type` (what the C side of a dump benchmark does with
 * them: nothing more). Adds the bytes received to *bytes if given.
 */
static int dump_count(int type, size_t *bytes)
{
	send_buf();
	int count = 0;
	for (;;) {
		ssize_t r = recv(fd, rbuf, sizeof rbuf, 0);
		if (r < 0) { if (errno == EINTR) continue; die("recv dump"); }
		if (bytes) *bytes += r;
		for (struct nlmsghdr *h = (void *)rbuf; NLMSG_OK(h, r); h = NLMSG_NEXT(h, r)) {
			if (h->nlmsg_type == NLMSG_DONE) return count;
			if (h->nlmsg_type == NLMSG_ERROR) { fprintf(stderr, "dump failed\n"); exit(1); }
			if (h->nlmsg_type == type) count++;
		}
	}
}
#endif
