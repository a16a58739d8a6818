package net.vdn.softswitch.port;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls a packet socket needs, through the foreign function API, each with the
 * errno it left (calls that can fail take a capture segment from {@link #errnoSegment} first).
 * Layouts and constants are Linux's on 64-bit machines.
 */
@SuppressWarnings("restricted")
final class Libc {
  static final int AF_PACKET = 17;
  static final int SOCK_RAW = 3;
  static final int ETH_P_ALL = 0x0003;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVBUF = 8;
  static final int SO_RCVTIMEO = 20;
  static final int SOL_PACKET = 263;
  static final int PACKET_ADD_MEMBERSHIP = 1;
  static final int PACKET_MR_PROMISC = 1;
  static final int PACKET_AUXDATA = 8;
  static final int PACKET_OUTGOING = 4;
  static final int TP_STATUS_VLAN_VALID = 1 << 4;
  static final int TP_STATUS_VLAN_TPID_VALID = 1 << 6;
  static final int MSG_TRUNC = 0x20;
  static final int PACKET_STATISTICS = 6;
  static final int MSG_DONTWAIT = 0x40;
  static final int MSG_WAITFORONE = 0x10000;
  static final int EINTR = 4;
  static final int EAGAIN = 11;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

  private static final MethodHandle SOCKET =
      failing("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle BIND =
      failing("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      failing(
          "setsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECVMSG =
      failing("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SENDTO =
      failing(
          "sendto",
          FunctionDescriptor.of(
              JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECVMMSG =
      failing(
          "recvmmsg",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle SENDMMSG =
      failing("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle GETSOCKOPT =
      failing(
          "getsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle IF_NAMETOINDEX =
      failing("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
  private static final MethodHandle CLOSE =
      failing("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(LIBC.findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Libc() {}

  private static MethodHandle failing(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.findOrThrow(name), descriptor, ERRNO_OPTION);
  }

  /** Where a call leaves its errno; one per thread that makes calls. */
  static MemorySegment errnoSegment(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  static int errno(MemorySegment capture) {
    return (int) ERRNO.get(capture, 0L);
  }

  /** The C library's text for an errno, with the number: "No such device (errno 19)". */
  static String describe(int errno) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
      return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /** {@code htons}: a 16-bit value in network byte order, as the kernel reads it from an int. */
  static int networkShort(int value) {
    return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
        ? Short.reverseBytes((short) value) & 0xffff
        : value & 0xffff;
  }

  static int socket(MemorySegment errno, int domain, int type, int protocol) {
    try {
      return (int) SOCKET.invokeExact(errno, domain, type, protocol);
    } catch (Throwable t) {
      throw new IllegalStateException("socket() could not be called", t);
    }
  }

  static int bind(MemorySegment errno, int fd, MemorySegment address) {
    try {
      return (int) BIND.invokeExact(errno, fd, address, (int) address.byteSize());
    } catch (Throwable t) {
      throw new IllegalStateException("bind() could not be called", t);
    }
  }

  static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value) {
    try {
      return (int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, (int) value.byteSize());
    } catch (Throwable t) {
      throw new IllegalStateException("setsockopt() could not be called", t);
    }
  }

  static long recvmsg(MemorySegment errno, int fd, MemorySegment message, int flags) {
    try {
      return (long) RECVMSG.invokeExact(errno, fd, message, flags);
    } catch (Throwable t) {
      throw new IllegalStateException("recvmsg() could not be called", t);
    }
  }

  /** {@code recvmmsg} without a timeout: up to {@code count} messages of a struct mmsghdr array. */
  static int recvmmsg(MemorySegment errno, int fd, MemorySegment messages, int count, int flags) {
    try {
      return (int) RECVMMSG.invokeExact(errno, fd, messages, count, flags, MemorySegment.NULL);
    } catch (Throwable t) {
      throw new IllegalStateException("recvmmsg() could not be called", t);
    }
  }

  static int sendmmsg(MemorySegment errno, int fd, MemorySegment messages, int count, int flags) {
    try {
      return (int) SENDMMSG.invokeExact(errno, fd, messages, count, flags);
    } catch (Throwable t) {
      throw new IllegalStateException("sendmmsg() could not be called", t);
    }
  }

  /** {@code getsockopt}; {@code length} holds the value's size in and out (a socklen_t). */
  static int getsockopt(
      MemorySegment errno, int fd, int level, int name, MemorySegment value, MemorySegment length) {
    try {
      return (int) GETSOCKOPT.invokeExact(errno, fd, level, name, value, length);
    } catch (Throwable t) {
      throw new IllegalStateException("getsockopt() could not be called", t);
    }
  }

  static long sendto(
      MemorySegment errno, int fd, MemorySegment data, long length, MemorySegment address) {
    try {
      return (long)
          SENDTO.invokeExact(errno, fd, data, length, 0, address, (int) address.byteSize());
    } catch (Throwable t) {
      throw new IllegalStateException("sendto() could not be called", t);
    }
  }

  static int ifNameToIndex(MemorySegment errno, MemorySegment name) {
    try {
      return (int) IF_NAMETOINDEX.invokeExact(errno, name);
    } catch (Throwable t) {
      throw new IllegalStateException("if_nametoindex() could not be called", t);
    }
  }

  static int close(MemorySegment errno, int fd) {
    try {
      return (int) CLOSE.invokeExact(errno, fd);
    } catch (Throwable t) {
      throw new IllegalStateException("close() could not be called", t);
    }
  }
}
