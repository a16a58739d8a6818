package net.vdn.softswitch.port;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw packet socket (AF_PACKET, SOCK_RAW, every protocol) bound to one Linux interface, in
 * promiscuous mode, with the kernel's auxiliary data on: whole Ethernet frames in and out. The
 * kernel takes the 802.1Q tag of a received frame out of its bytes and reports it beside them;
 * {@link Reader#frame} puts it back. Sends are thread-safe; each receiving thread uses a {@link
 * Reader} of its own, and the socket is closed after its readers are done.
 */
final class PacketSocket implements AutoCloseable {
  /**
   * The largest frame an interface hands us (a 9216-byte jumbo frame), before a tag is put back.
   */
  static final int MAX_FRAME = 9216;

  /** The largest frame sent: a jumbo frame with its tag put back. */
  static final int MAX_SENT_FRAME = MAX_FRAME + 4;

  private static final int TPID_8021Q = 0x8100;

  // struct sockaddr_ll
  private static final int SOCKADDR_LL_SIZE = 20;
  private static final long SLL_PROTOCOL = 2;
  private static final long SLL_IFINDEX = 4;
  private static final long SLL_PKTTYPE = 10;

  // struct msghdr, struct iovec
  private static final StructLayout MSGHDR =
      MemoryLayout.structLayout(
          ADDRESS.withName("name"),
          JAVA_INT.withName("namelen"),
          MemoryLayout.paddingLayout(4),
          ADDRESS.withName("iov"),
          JAVA_LONG.withName("iovlen"),
          ADDRESS.withName("control"),
          JAVA_LONG.withName("controllen"),
          JAVA_INT.withName("flags"),
          MemoryLayout.paddingLayout(4));
  private static final StructLayout IOVEC =
      MemoryLayout.structLayout(ADDRESS.withName("base"), JAVA_LONG.withName("len"));

  // struct cmsghdr (its data 8-aligned after it) and struct tpacket_auxdata
  private static final int CMSG_HEADER = 16;
  private static final int CONTROL_SIZE = 64;
  private static final long AUX_STATUS = 0;
  private static final long AUX_VLAN_TCI = 16;
  private static final long AUX_VLAN_TPID = 18;
  private static final int AUXDATA_SIZE = 20;

  /** Frames received or sent per call. */
  static final int BATCH = 32;

  // struct mmsghdr: a msghdr, then the length received or sent, padded to 8 bytes
  private static final long MMSGHDR_SIZE = MSGHDR.byteSize() + 8;

  /** Room for one struct sockaddr_ll (20 bytes) in an array of them, 8-aligned. */
  private static final int SOCKADDR_SLOT = 24;

  private final String name;
  private final int ifindex;
  private final int fd;
  private final ReentrantLock sendLock = new ReentrantLock();
  private final Arena sendArena = Arena.ofShared();
  private final MemorySegment sendBuffer;
  private final MemorySegment sendAddress;
  private final MemorySegment sendErrno;
  private final MemorySegment batchBuffers;
  private final MemorySegment batchIovs;
  private final MemorySegment batchMessages;
  private boolean closed;

  private PacketSocket(String name, int ifindex, int fd) {
    this.name = name;
    this.ifindex = ifindex;
    this.fd = fd;
    this.sendBuffer = sendArena.allocate(MAX_SENT_FRAME);
    this.sendAddress = linkAddress(sendArena, ifindex);
    this.sendErrno = Libc.errnoSegment(sendArena);
    this.batchBuffers = sendArena.allocate((long) MAX_SENT_FRAME * BATCH, 8);
    this.batchIovs = sendArena.allocate(IOVEC.byteSize() * BATCH, 8);
    this.batchMessages = sendArena.allocate(MMSGHDR_SIZE * BATCH, 8);
    for (int i = 0; i < BATCH; i++) {
      MemorySegment m = batchMessages.asSlice(MMSGHDR_SIZE * i, MMSGHDR_SIZE);
      m.set(ADDRESS, MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("name")), sendAddress);
      m.set(
          JAVA_INT,
          MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("namelen")),
          SOCKADDR_LL_SIZE);
      m.set(
          ADDRESS,
          MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iov")),
          batchIovs.asSlice(IOVEC.byteSize() * i, IOVEC.byteSize()));
      m.set(JAVA_LONG, MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement("iovlen")), 1);
      // Frame i of a batch always goes in slot i: only its length changes from call to call.
      batchIovs.set(
          ADDRESS,
          IOVEC.byteSize() * i,
          batchBuffers.asSlice((long) MAX_SENT_FRAME * i, MAX_SENT_FRAME));
    }
  }

  /**
   * Opens a packet socket on interface {@code name}; a receive that waits longer than {@code
   * receiveTimeout} returns without a frame (so a reader can notice it should stop).
   */
  static PacketSocket open(String name, Duration receiveTimeout) throws IOException {
    if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.contains(" ")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a Linux interface name (1 to 15 characters)");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment errno = Libc.errnoSegment(arena);
      int ifindex = Libc.ifNameToIndex(errno, arena.allocateFrom(name));
      if (ifindex == 0) {
        throw new IOException(
            "interface " + name + ": no such interface: " + Libc.describe(Libc.errno(errno)));
      }
      // Protocol 0 receives nothing until bind names the interface, so no other interface's
      // frames wait in the queue.
      int fd = Libc.socket(errno, Libc.AF_PACKET, Libc.SOCK_RAW, 0);
      if (fd < 0) {
        int e = Libc.errno(errno);
        throw new IOException(
            "interface "
                + name
                + ": socket(AF_PACKET, SOCK_RAW): "
                + Libc.describe(e)
                + (e == 1 ? "; packet sockets need root or CAP_NET_RAW" : ""));
      }
      try {
        option(arena, errno, fd, name, Libc.SOL_PACKET, Libc.PACKET_AUXDATA, "PACKET_AUXDATA", 1);
        MemorySegment timeout = arena.allocate(16);
        timeout.set(JAVA_LONG, 0, receiveTimeout.toSeconds());
        timeout.set(JAVA_LONG, 8, receiveTimeout.toMillisPart() * 1000L);
        setsockopt(errno, fd, name, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, "SO_RCVTIMEO", timeout);
        // A larger queue rides out bursts while the switch is busy; the kernel caps it.
        option(arena, errno, fd, name, Libc.SOL_SOCKET, Libc.SO_RCVBUF, "SO_RCVBUF", 4 << 20);
        MemorySegment address = linkAddress(arena, ifindex);
        if (Libc.bind(errno, fd, address) != 0) {
          throw new IOException(
              "interface " + name + ": bind: " + Libc.describe(Libc.errno(errno)));
        }
        // struct packet_mreq: every frame on the wire, not only those addressed to the interface
        MemorySegment membership = arena.allocate(16);
        membership.set(JAVA_INT, 0, ifindex);
        membership.set(JAVA_SHORT, 4, (short) Libc.PACKET_MR_PROMISC);
        setsockopt(
            errno,
            fd,
            name,
            Libc.SOL_PACKET,
            Libc.PACKET_ADD_MEMBERSHIP,
            "PACKET_ADD_MEMBERSHIP",
            membership);
      } catch (IOException | RuntimeException e) {
        Libc.close(errno, fd);
        throw e;
      }
      return new PacketSocket(name, ifindex, fd);
    }
  }

  private static void option(
      Arena arena,
      MemorySegment errno,
      int fd,
      String name,
      int level,
      int option,
      String what,
      int value)
      throws IOException {
    setsockopt(errno, fd, name, level, option, what, arena.allocateFrom(JAVA_INT, value));
  }

  private static void setsockopt(
      MemorySegment errno,
      int fd,
      String name,
      int level,
      int option,
      String what,
      MemorySegment value)
      throws IOException {
    if (Libc.setsockopt(errno, fd, level, option, value) != 0) {
      throw new IOException(
          "interface " + name + ": setsockopt " + what + ": " + Libc.describe(Libc.errno(errno)));
    }
  }

  /** A struct sockaddr_ll naming the interface, every protocol. */
  private static MemorySegment linkAddress(Arena arena, int ifindex) {
    MemorySegment address = arena.allocate(SOCKADDR_LL_SIZE);
    address.set(JAVA_SHORT, 0, (short) Libc.AF_PACKET);
    address.set(JAVA_SHORT, SLL_PROTOCOL, (short) Libc.networkShort(Libc.ETH_P_ALL));
    address.set(JAVA_INT, SLL_IFINDEX, ifindex);
    return address;
  }

  String name() {
    return name;
  }

  int ifindex() {
    return ifindex;
  }

  /** Sends one frame as it is (a tag in its bytes goes out in them); thread-safe. */
  void send(byte[] frame) throws IOException {
    if (frame.length > MAX_SENT_FRAME) {
      throw new IOException(
          "interface "
              + name
              + ": frame of "
              + frame.length
              + " bytes is longer than "
              + MAX_SENT_FRAME);
    }
    sendLock.lock();
    try {
      if (closed) {
        throw new IOException("interface " + name + ": socket is closed");
      }
      MemorySegment.copy(frame, 0, sendBuffer, JAVA_BYTE, 0, frame.length);
      long sent = Libc.sendto(sendErrno, fd, sendBuffer, frame.length, sendAddress);
      if (sent < 0) {
        throw new IOException(
            "interface " + name + ": sendto: " + Libc.describe(Libc.errno(sendErrno)));
      }
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Sends frames as they are with one call ({@code sendmmsg}) per {@value #BATCH}; thread-safe.
   * Returns how many were sent: the first that fails and those after it are not (a frame too long
   * to send is skipped and not counted).
   */
  int send(List<byte[]> frames) throws IOException {
    int sent = 0;
    sendLock.lock();
    try {
      if (closed) {
        throw new IOException("interface " + name + ": socket is closed");
      }
      int i = 0;
      while (i < frames.size()) {
        int n = 0;
        while (i < frames.size() && n < BATCH) {
          byte[] frame = frames.get(i++);
          if (frame.length > MAX_SENT_FRAME) {
            continue;
          }
          MemorySegment.copy(
              frame, 0, batchBuffers, JAVA_BYTE, (long) MAX_SENT_FRAME * n, frame.length);
          batchIovs.set(JAVA_LONG, IOVEC.byteSize() * n + 8, frame.length);
          n++;
        }
        int done = 0;
        while (done < n) {
          int r =
              Libc.sendmmsg(sendErrno, fd, batchMessages.asSlice(MMSGHDR_SIZE * done), n - done, 0);
          if (r <= 0) {
            if (sent + done == 0) {
              throw new IOException(
                  "interface " + name + ": sendmmsg: " + Libc.describe(Libc.errno(sendErrno)));
            }
            return sent + done;
          }
          done += r;
        }
        sent += n;
      }
      return sent;
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * Frames the kernel dropped because the socket's receive queue was full since the last call
   * ({@code PACKET_STATISTICS}, which the kernel resets when it is read); -1 when it cannot say.
   */
  long dropsSinceLastCall() {
    sendLock.lock();
    try {
      if (closed) {
        return -1;
      }
      MemorySegment length = sendArena.allocateFrom(JAVA_INT, 8);
      MemorySegment stats = sendArena.allocate(8, 4);
      if (Libc.getsockopt(sendErrno, fd, Libc.SOL_PACKET, Libc.PACKET_STATISTICS, stats, length)
          != 0) {
        return -1;
      }
      return Integer.toUnsignedLong(stats.get(JAVA_INT, 4));
    } finally {
      sendLock.unlock();
    }
  }

  /** State for receiving on one thread; closed by that thread. */
  Reader reader() {
    return new Reader();
  }

  /** Closes the socket; sends after this fail, and no reader may be receiving any more. */
  @Override
  public void close() {
    sendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Libc.close(sendErrno, fd);
      sendArena.close();
    } finally {
      sendLock.unlock();
    }
  }

  /** Puts an 802.1Q (or 802.1ad) tag back after the source MAC of {@code length} bytes of frame. */
  static byte[] withTag(MemorySegment frame, int length, int tpid, int tci) {
    return withTag(frame, 0, length, tpid, tci);
  }

  /** As {@link #withTag(MemorySegment, int, int, int)}, for a frame at {@code at} in a segment. */
  static byte[] withTag(MemorySegment frame, long at, int length, int tpid, int tci) {
    byte[] out = new byte[length + 4];
    MemorySegment.copy(frame, JAVA_BYTE, at, out, 0, 12);
    out[12] = (byte) (tpid >>> 8);
    out[13] = (byte) tpid;
    out[14] = (byte) (tci >>> 8);
    out[15] = (byte) tci;
    MemorySegment.copy(frame, JAVA_BYTE, at + 12, out, 16, length - 12);
    return out;
  }

  /**
   * Receives frames on one thread, with the metadata the kernel reported for the current one. It
   * asks the kernel for up to {@value #BATCH} frames a call ({@code recvmmsg} with {@code
   * MSG_WAITFORONE}): waiting (up to the receive timeout) for the first, taking those already
   * queued behind it without waiting; {@link #next} moves through them before it asks again.
   */
  final class Reader implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoSegment(arena);
    private final MemorySegment buffers = arena.allocate((long) MAX_FRAME * BATCH, 8);
    private final MemorySegment froms = arena.allocate((long) SOCKADDR_SLOT * BATCH, 8);
    private final MemorySegment controls = arena.allocate((long) CONTROL_SIZE * BATCH, 8);
    private final MemorySegment messages = arena.allocate(MMSGHDR_SIZE * BATCH, 8);
    private int count;
    private int current = -1;
    private long bufferAt;
    private long fromAt;
    private int length;
    private int flags;
    private int status;
    private int tci;
    private int tpid;

    private Reader() {
      MemorySegment iovs = arena.allocate(IOVEC.byteSize() * BATCH, 8);
      for (int i = 0; i < BATCH; i++) {
        MemorySegment iov = iovs.asSlice(IOVEC.byteSize() * i, IOVEC.byteSize());
        iov.set(ADDRESS, 0, buffers.asSlice((long) MAX_FRAME * i, MAX_FRAME));
        iov.set(JAVA_LONG, 8, MAX_FRAME);
        long m = MMSGHDR_SIZE * i;
        messages.set(
            ADDRESS, m + offset("name"), froms.asSlice((long) SOCKADDR_SLOT * i, SOCKADDR_LL_SIZE));
        messages.set(ADDRESS, m + offset("iov"), iov);
        messages.set(JAVA_LONG, m + offset("iovlen"), 1);
        messages.set(
            ADDRESS,
            m + offset("control"),
            controls.asSlice((long) CONTROL_SIZE * i, CONTROL_SIZE));
      }
    }

    private static long offset(String field) {
      return MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /**
     * Moves to the next frame, waiting for one when the last call's are all taken; false when the
     * receive timeout passed (or a signal came) first.
     */
    boolean next() throws IOException {
      if (current + 1 >= count && !receive()) {
        return false;
      }
      current++;
      long m = MMSGHDR_SIZE * current;
      bufferAt = (long) MAX_FRAME * current;
      fromAt = (long) SOCKADDR_SLOT * current;
      // msg_len: the frame's whole length (MSG_TRUNC), which may exceed what the buffer holds
      length = messages.get(JAVA_INT, m + MSGHDR.byteSize());
      flags = messages.get(JAVA_INT, m + offset("flags"));
      readAuxdata((long) CONTROL_SIZE * current, messages.get(JAVA_LONG, m + offset("controllen")));
      return true;
    }

    /** Waits for frames and takes up to {@value #BATCH}; false when none came in time. */
    private boolean receive() throws IOException {
      count = 0;
      current = -1;
      // The kernel writes back the lengths it used: each message gets its full buffers again.
      for (int i = 0; i < BATCH; i++) {
        long m = MMSGHDR_SIZE * i;
        messages.set(JAVA_INT, m + offset("namelen"), SOCKADDR_LL_SIZE);
        messages.set(JAVA_LONG, m + offset("controllen"), CONTROL_SIZE);
        messages.set(JAVA_INT, m + offset("flags"), 0);
        messages.set(JAVA_INT, m + MSGHDR.byteSize(), 0);
      }
      int n = Libc.recvmmsg(errno, fd, messages, BATCH, Libc.MSG_TRUNC | Libc.MSG_WAITFORONE);
      if (n < 0) {
        int e = Libc.errno(errno);
        if (e == Libc.EAGAIN || e == Libc.EINTR) {
          return false;
        }
        throw new IOException("interface " + name + ": recvmmsg: " + Libc.describe(e));
      }
      count = n;
      return n > 0;
    }

    /** Reads the auxiliary data among the control messages at {@code base} in {@link #controls}. */
    private void readAuxdata(long base, long controlLength) {
      status = 0;
      tci = 0;
      tpid = 0;
      long length = Math.min(controlLength, CONTROL_SIZE);
      long at = 0;
      while (at + CMSG_HEADER <= length) {
        long cmsgLength = controls.get(JAVA_LONG, base + at);
        if (cmsgLength < CMSG_HEADER || at + cmsgLength > length) {
          return;
        }
        int level = controls.get(JAVA_INT, base + at + 8);
        int type = controls.get(JAVA_INT, base + at + 12);
        if (level == Libc.SOL_PACKET
            && type == Libc.PACKET_AUXDATA
            && cmsgLength >= CMSG_HEADER + AUXDATA_SIZE) {
          long data = base + at + CMSG_HEADER;
          status = controls.get(JAVA_INT, data + AUX_STATUS);
          tci = Short.toUnsignedInt(controls.get(JAVA_SHORT, data + AUX_VLAN_TCI));
          tpid = Short.toUnsignedInt(controls.get(JAVA_SHORT, data + AUX_VLAN_TPID));
        }
        at += (cmsgLength + 7) & ~7L;
      }
    }

    /** The frame's length on the wire, less a tag the kernel took out. */
    int length() {
      return length;
    }

    /** Whether the frame was longer than {@link #MAX_FRAME} (only its beginning was read). */
    boolean truncated() {
      return (flags & Libc.MSG_TRUNC) != 0 || length > MAX_FRAME;
    }

    /** The sockaddr_ll packet type: host, broadcast, multicast, other host, or outgoing (4). */
    int packetType() {
      return Byte.toUnsignedInt(froms.get(JAVA_BYTE, fromAt + SLL_PKTTYPE));
    }

    /** Whether this socket saw the frame leave the interface instead of arrive on it. */
    boolean outgoing() {
      return packetType() == Libc.PACKET_OUTGOING;
    }

    /** Whether the kernel took a VLAN tag out of the frame's bytes. */
    boolean tagStripped() {
      return (status & Libc.TP_STATUS_VLAN_VALID) != 0;
    }

    /** The stripped tag's TPID: as reported, or 0x8100 when the kernel does not say. */
    int tpid() {
      return (status & Libc.TP_STATUS_VLAN_TPID_VALID) != 0 ? tpid : TPID_8021Q;
    }

    /** The stripped tag's TCI (priority, DEI, VLAN id). */
    int tci() {
      return tci;
    }

    /** The frame as it was on the wire: its tag, if the kernel took one out, back in place. */
    byte[] frame() {
      int n = Math.min(length, MAX_FRAME);
      if (tagStripped() && n >= 12) {
        return withTag(buffers, bufferAt, n, tpid(), tci);
      }
      return bytesAsReceived();
    }

    /** The frame's bytes as the kernel handed them over (without a tag it took out). */
    byte[] bytesAsReceived() {
      byte[] out = new byte[Math.min(length, MAX_FRAME)];
      MemorySegment.copy(buffers, JAVA_BYTE, bufferAt, out, 0, out.length);
      return out;
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
