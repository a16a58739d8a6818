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
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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
  private static final ValueLayout.OfShort NETWORK_SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

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
        long at = 0;
        while (i < frames.size() && n < BATCH) {
          byte[] frame = frames.get(i++);
          if (frame.length > MAX_SENT_FRAME) {
            continue;
          }
          MemorySegment.copy(frame, 0, batchBuffers, JAVA_BYTE, at, frame.length);
          batchIovs.set(JAVA_LONG, IOVEC.byteSize() * n + 8, frame.length);
          batchIovs.set(ADDRESS, IOVEC.byteSize() * n, batchBuffers.asSlice(at, frame.length));
          at += frame.length;
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
    byte[] out = new byte[length + 4];
    MemorySegment.copy(frame, JAVA_BYTE, 0, out, 0, 12);
    MemorySegment tagged = MemorySegment.ofArray(out);
    tagged.set(NETWORK_SHORT, 12, (short) tpid);
    tagged.set(NETWORK_SHORT, 14, (short) tci);
    MemorySegment.copy(frame, JAVA_BYTE, 12, out, 16, length - 12);
    return out;
  }

  /** Receives frames on one thread, with the metadata the kernel reported for the last one. */
  final class Reader implements AutoCloseable {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoSegment(arena);
    private final MemorySegment buffer = arena.allocate(MAX_FRAME);
    private final MemorySegment from = arena.allocate(SOCKADDR_LL_SIZE);
    private final MemorySegment control = arena.allocate(CONTROL_SIZE, 8);
    private final MemorySegment message = arena.allocate(MSGHDR);
    private int length;
    private int flags;
    private int status;
    private int tci;
    private int tpid;

    private Reader() {
      MemorySegment iov = arena.allocate(IOVEC);
      iov.set(ADDRESS, 0, buffer);
      iov.set(JAVA_LONG, 8, buffer.byteSize());
      message.set(ADDRESS, offset("name"), from);
      message.set(ADDRESS, offset("iov"), iov);
      message.set(JAVA_LONG, offset("iovlen"), 1);
      message.set(ADDRESS, offset("control"), control);
    }

    private static long offset(String field) {
      return MSGHDR.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /** Waits for the next frame; false when the receive timeout passed (or a signal came) first. */
    boolean next() throws IOException {
      message.set(JAVA_INT, offset("namelen"), SOCKADDR_LL_SIZE);
      message.set(JAVA_LONG, offset("controllen"), CONTROL_SIZE);
      message.set(JAVA_INT, offset("flags"), 0);
      long n = Libc.recvmsg(errno, fd, message, Libc.MSG_TRUNC);
      if (n < 0) {
        int e = Libc.errno(errno);
        if (e == Libc.EAGAIN || e == Libc.EINTR) {
          return false;
        }
        throw new IOException("interface " + name + ": recvmsg: " + Libc.describe(e));
      }
      length = (int) Math.min(n, Integer.MAX_VALUE);
      flags = message.get(JAVA_INT, offset("flags"));
      readAuxdata(message.get(JAVA_LONG, offset("controllen")));
      return true;
    }

    private void readAuxdata(long controlLength) {
      status = 0;
      tci = 0;
      tpid = 0;
      long at = 0;
      while (at + CMSG_HEADER <= controlLength) {
        long cmsgLength = control.get(JAVA_LONG, at);
        if (cmsgLength < CMSG_HEADER || at + cmsgLength > controlLength) {
          return;
        }
        int level = control.get(JAVA_INT, at + 8);
        int type = control.get(JAVA_INT, at + 12);
        if (level == Libc.SOL_PACKET
            && type == Libc.PACKET_AUXDATA
            && cmsgLength >= CMSG_HEADER + AUXDATA_SIZE) {
          long data = at + CMSG_HEADER;
          status = control.get(JAVA_INT, data + AUX_STATUS);
          tci = Short.toUnsignedInt(control.get(JAVA_SHORT, data + AUX_VLAN_TCI));
          tpid = Short.toUnsignedInt(control.get(JAVA_SHORT, data + AUX_VLAN_TPID));
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
      return Byte.toUnsignedInt(from.get(JAVA_BYTE, SLL_PKTTYPE));
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
        return withTag(buffer, n, tpid(), tci);
      }
      return buffer.asSlice(0, n).toArray(JAVA_BYTE);
    }

    /** The frame's bytes as the kernel handed them over (without a tag it took out). */
    byte[] bytesAsReceived() {
      return buffer.asSlice(0, Math.min(length, MAX_FRAME)).toArray(JAVA_BYTE);
    }

    @Override
    public void close() {
      arena.close();
    }
  }
}
