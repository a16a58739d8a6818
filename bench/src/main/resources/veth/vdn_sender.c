/*
 * VDN bench: sends frames from a file out of one interface through a packet socket, with
 * sendmmsg, paced to a rate (0: as fast as it can), for a number of seconds. Prints the frames
 * sent and the seconds taken. Usage: vdn_sender IFNAME FRAMES_FILE RATE SECONDS
 * FRAMES_FILE: frames one after another, each a 2-byte big-endian length then the bytes.
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
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define MAX_FRAMES 65536

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s IFNAME FRAMES_FILE RATE SECONDS\n", argv[0]);
    return 2;
  }
  double rate = atof(argv[3]);
  double seconds = atof(argv[4]);
  FILE *f = fopen(argv[2], "rb");
  if (!f) { perror("frames"); return 1; }
  static unsigned char *frames[MAX_FRAMES];
  static int lengths[MAX_FRAMES];
  int n = 0;
  unsigned char hdr[2];
  while (n < MAX_FRAMES && fread(hdr, 1, 2, f) == 2) {
    int len = hdr[0] << 8 | hdr[1];
    frames[n] = malloc(len);
    if (fread(frames[n], 1, len, f) != (size_t) len) break;
    lengths[n++] = len;
  }
  fclose(f);
  if (n == 0) { fprintf(stderr, "no frames\n"); return 1; }
  int fd = socket(AF_PACKET, SOCK_RAW, 0);
  if (fd < 0) { perror("socket"); return 1; }
  struct sockaddr_ll addr = {0};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_ALL);
  addr.sll_ifindex = if_nametoindex(argv[1]);
  if (addr.sll_ifindex == 0) { perror("if_nametoindex"); return 1; }
  int sndbuf = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  struct mmsghdr msgs[BATCH];
  struct iovec iovs[BATCH];
  memset(msgs, 0, sizeof msgs);
  for (int i = 0; i < BATCH; i++) {
    msgs[i].msg_hdr.msg_name = &addr;
    msgs[i].msg_hdr.msg_namelen = sizeof addr;
    msgs[i].msg_hdr.msg_iov = &iovs[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }
  long sent = 0;
  int next = 0;
  double start = now();
  double end = start + seconds;
  for (;;) {
    double t = now();
    if (t >= end) break;
    if (rate > 0 && sent >= (t - start) * rate) {
      continue;
    }
    for (int i = 0; i < BATCH; i++) {
      iovs[i].iov_base = frames[next];
      iovs[i].iov_len = lengths[next];
      next = (next + 1) % n;
    }
    int r = sendmmsg(fd, msgs, BATCH, 0);
    if (r > 0) sent += r;
  }
  printf("%ld %.6f\n", sent, now() - start);
  return 0;
}
