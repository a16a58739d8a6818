/*
 * VDN bench: the least a forwarder does: every frame that arrives on one interface leaves on the
 * other, unchanged, through packet sockets, BATCH frames per recvmmsg and sendmmsg (1: recvfrom
 * and sendto, one system call per frame). Runs until killed. Usage: vdn_forwarder IN OUT BATCH
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_BATCH 64
#define FRAME 2048

static int open_on(const char *ifname, struct sockaddr_ll *addr) {
  int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
  if (fd < 0) { perror("socket"); exit(1); }
  memset(addr, 0, sizeof *addr);
  addr->sll_family = AF_PACKET;
  addr->sll_protocol = htons(ETH_P_ALL);
  addr->sll_ifindex = if_nametoindex(ifname);
  if (addr->sll_ifindex == 0 || bind(fd, (struct sockaddr *) addr, sizeof *addr) != 0) {
    perror(ifname); exit(1);
  }
  int buf = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
  return fd;
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: %s IN OUT BATCH\n", argv[0]); return 2; }
  struct sockaddr_ll in_addr, out_addr;
  int in = open_on(argv[1], &in_addr);
  int out = open_on(argv[2], &out_addr);
  int batch = atoi(argv[3]);
  if (batch < 1) batch = 1;
  if (batch > MAX_BATCH) batch = MAX_BATCH;
  static unsigned char bufs[MAX_BATCH][FRAME];
  struct mmsghdr rx[MAX_BATCH], tx[MAX_BATCH];
  struct iovec rxv[MAX_BATCH], txv[MAX_BATCH];
  struct sockaddr_ll from[MAX_BATCH];
  memset(rx, 0, sizeof rx);
  memset(tx, 0, sizeof tx);
  for (int i = 0; i < MAX_BATCH; i++) {
    rxv[i].iov_base = bufs[i];
    rxv[i].iov_len = FRAME;
    rx[i].msg_hdr.msg_iov = &rxv[i];
    rx[i].msg_hdr.msg_iovlen = 1;
    rx[i].msg_hdr.msg_name = &from[i];
    tx[i].msg_hdr.msg_iov = &txv[i];
    tx[i].msg_hdr.msg_iovlen = 1;
    tx[i].msg_hdr.msg_name = &out_addr;
    tx[i].msg_hdr.msg_namelen = sizeof out_addr;
  }
  for (;;) {
    if (batch == 1) {
      struct sockaddr_ll f;
      socklen_t fl = sizeof f;
      ssize_t n = recvfrom(in, bufs[0], FRAME, 0, (struct sockaddr *) &f, &fl);
      if (n > 0 && f.sll_pkttype != PACKET_OUTGOING) {
        sendto(out, bufs[0], n, 0, (struct sockaddr *) &out_addr, sizeof out_addr);
      }
      continue;
    }
    for (int i = 0; i < batch; i++) rx[i].msg_hdr.msg_namelen = sizeof from[i];
    int n = recvmmsg(in, rx, batch, MSG_WAITFORONE, NULL);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (from[i].sll_pkttype == PACKET_OUTGOING) continue;
      txv[m].iov_base = bufs[i];
      txv[m].iov_len = rx[i].msg_len;
      m++;
    }
    int done = 0;
    while (done < m) {
      int r = sendmmsg(out, tx + done, m - done, 0);
      if (r <= 0) break;
      done += r;
    }
  }
}
