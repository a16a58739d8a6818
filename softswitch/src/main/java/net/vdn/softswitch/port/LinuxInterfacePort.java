package net.vdn.softswitch.port;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch port on a Linux interface itself (a veth, a TAP, a NIC), through a raw packet socket
 * bound to it: every frame that arrives on the interface goes to the switch, with the 802.1Q tag
 * the kernel took out of its bytes put back after the source MAC; every frame the switch sends goes
 * out as it is, tags included. Frames leaving the interface (ours or anyone else's) are not taken
 * for arriving ones. Linux only; needs root or CAP_NET_RAW.
 */
public final class LinuxInterfacePort implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LinuxInterfacePort.class);

  /** How long a receive waits before the thread looks whether it should stop. */
  private static final long RECEIVE_TIMEOUT_MILLIS = 100;

  /** Machines whose socket option numbers and struct layouts {@link Libc} describes. */
  private static final Set<String> ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64", "riscv64");

  private final int port;
  private final PacketSocket socket;
  private final BiConsumer<Integer, byte[]> deliver;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong receiveErrors = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private final Thread receiver;

  private LinuxInterfacePort(int port, PacketSocket socket, BiConsumer<Integer, byte[]> deliver) {
    this.port = port;
    this.socket = socket;
    this.deliver = deliver;
    this.receiver =
        Thread.ofPlatform()
            .daemon()
            .name("port-" + port + "-" + socket.name())
            .unstarted(this::receiveLoop);
  }

  /**
   * Binds switch port {@code port} to Linux interface {@code ifname} (which must exist): frames
   * arriving on it are handed to {@code deliver} as (port, frame) on a thread of the port's own.
   *
   * @throws UnsupportedOperationException on an operating system other than Linux (or a machine
   *     whose socket layouts are not known here)
   * @throws IOException when the interface does not exist or the socket cannot be opened (the
   *     message names the interface and the errno)
   */
  public static LinuxInterfacePort open(
      int port, String ifname, BiConsumer<Integer, byte[]> deliver) throws IOException {
    String unsupported = unsupportedReason();
    if (unsupported != null) {
      throw new UnsupportedOperationException(
          "port " + port + " on interface " + ifname + ": " + unsupported);
    }
    LinuxInterfacePort bound =
        new LinuxInterfacePort(
            port, PacketSocket.open(ifname, Duration.ofMillis(RECEIVE_TIMEOUT_MILLIS)), deliver);
    bound.receiver.start();
    log.info("port {}: on interface {} (index {})", port, ifname, bound.socket.ifindex());
    return bound;
  }

  /**
   * Why ports cannot be bound to interfaces on this machine, or null when they can: they need
   * Linux's packet sockets on a 64-bit machine whose layouts are known here.
   */
  public static String unsupportedReason() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    if (!os.equals("Linux")) {
      return "ports on interfaces need Linux packet sockets (AF_PACKET), and this is "
          + os
          + "; carry the port over UDP instead (--bind-udp, or UdpPortBridge from Java) with a relay"
          + " such as socat";
    }
    if (!ARCHITECTURES.contains(arch)) {
      return "ports on interfaces are supported on x86-64, AArch64 and RISC-V 64 Linux, not on "
          + arch
          + "; carry the port over UDP instead (--bind-udp, UdpPortBridge)";
    }
    return null;
  }

  public int port() {
    return port;
  }

  public String interfaceName() {
    return socket.name();
  }

  /** Whether the port is still on its interface (not closed). */
  public boolean isOpen() {
    return !closing.get();
  }

  /**
   * Frames received on the interface and handed to the switch (one it refused is also a receive
   * error).
   */
  public long framesReceived() {
    return received.get();
  }

  /** Frames sent out of the interface. */
  public long framesSent() {
    return sent.get();
  }

  /**
   * Receives that failed, frames longer than {@value PacketSocket#MAX_FRAME} bytes or shorter than
   * an Ethernet header, and frames the switch could not take.
   */
  public long receiveErrors() {
    return receiveErrors.get();
  }

  /** Frames that could not be sent (too long, the kernel's queue full, the interface down). */
  public long sendErrors() {
    return sendErrors.get();
  }

  /** Sends a frame out of the interface as it is; thread-safe; a failure is counted, not thrown. */
  public void send(byte[] frame) {
    try {
      socket.send(frame);
      sent.incrementAndGet();
    } catch (IOException e) {
      if (!closing.get()) {
        sometimes(sendErrors.incrementAndGet(), "send", e.getMessage());
      }
    }
  }

  /**
   * Sends frames out of the interface as they are, several per system call; thread-safe; failures
   * are counted, not thrown. Returns how many were sent.
   */
  public int send(List<byte[]> frames) {
    if (frames.isEmpty()) {
      return 0;
    }
    int n = 0;
    try {
      n = socket.send(frames);
    } catch (IOException e) {
      if (!closing.get()) {
        sometimes(sendErrors.addAndGet(frames.size()), "send", e.getMessage());
      }
      return 0;
    }
    sent.addAndGet(n);
    if (n < frames.size() && !closing.get()) {
      sometimes(
          sendErrors.addAndGet(frames.size() - n),
          "send",
          "interface " + socket.name() + ": " + (frames.size() - n) + " frames not sent");
    }
    return n;
  }

  /**
   * Frames that arrived on the interface but found the port's receive queue in the kernel full
   * since the last call, so were dropped before the switch saw them (0 when the kernel cannot say).
   */
  public long kernelDropsSinceLastCall() {
    return Math.max(0, socket.dropsSinceLastCall());
  }

  private void receiveLoop() {
    try (PacketSocket.Reader reader = socket.reader()) {
      while (!closing.get()) {
        try {
          if (reader.next() && !closing.get() && !reader.outgoing()) {
            take(reader);
          }
        } catch (IOException e) {
          // An interface going down reports once (ENETDOWN); whatever repeats must not spin.
          sometimes(receiveErrors.incrementAndGet(), "receive", e.getMessage());
          pause();
        }
      }
    }
  }

  private void take(PacketSocket.Reader reader) {
    if (reader.truncated()) {
      sometimes(
          receiveErrors.incrementAndGet(),
          "receive",
          "interface "
              + socket.name()
              + ": frame of "
              + reader.length()
              + " bytes dropped, longer than "
              + PacketSocket.MAX_FRAME);
      return;
    }
    if (reader.length() < 14) {
      sometimes(
          receiveErrors.incrementAndGet(),
          "receive",
          "interface "
              + socket.name()
              + ": frame of "
              + reader.length()
              + " bytes dropped, shorter than an Ethernet header");
      return;
    }
    received.incrementAndGet();
    try {
      deliver.accept(port, reader.frame());
    } catch (RuntimeException e) {
      sometimes(
          receiveErrors.incrementAndGet(),
          "receive",
          "interface " + socket.name() + ": the switch refused a frame: " + e);
    }
  }

  /** Logs the 1st, 10th, 100th... receive or send error, so a storm does not flood the log. */
  private void sometimes(long count, String direction, String message) {
    if (Long.toString(count).matches("10*")) {
      log.warn(
          "port {}: {} ({} {} error{} so far)",
          port,
          message,
          count,
          direction,
          count == 1 ? "" : "s");
    }
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops receiving (the thread ends within about {@value #RECEIVE_TIMEOUT_MILLIS} ms) and closes
   * the socket; the interface itself stays as it was.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != receiver) {
      boolean ended = false;
      try {
        ended = receiver.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!ended) {
        // Its socket stays open rather than be closed under a receive that may still use it.
        log.warn("port {} on {}: receive thread did not stop", port, socket.name());
        return;
      }
    }
    socket.close();
    log.info(
        "port {}: off interface {} ({} frames in, {} out, {} receive and {} send errors)",
        port,
        socket.name(),
        received.get(),
        sent.get(),
        receiveErrors.get(),
        sendErrors.get());
  }
}
