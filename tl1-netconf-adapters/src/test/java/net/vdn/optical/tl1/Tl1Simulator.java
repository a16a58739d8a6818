package net.vdn.optical.tl1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TL1 network element for tests: a TCP server on a loopback port that requires ACT-USER, keeps
 * optical cross-connects (ENT-CRS-OCH, DLT-CRS-OCH, RTRV-CRS-OCH), lists equipment and alarms,
 * raises autonomous alarms, and can be told to misbehave: DENY the next command, answer it with
 * garbage, answer slowly (all commands or those of one code), drop connections, or apply a command
 * and drop the connection before answering. Its parsing of commands is its own ({@link
 * SimulatedCommand}), independent of the client's; the NE's state and commands are {@link
 * SimulatedNe}; this class serves them over TCP.
 *
 * <p>Error codes: IICM unknown command, IITA wrong TID, PLNA not logged in, PIUI bad user or
 * password, IIAC unknown port, IDRG value out of range, IDNV value missing or not valid, SAAS
 * already assigned (name, port pair or wavelength on a port in use), IENE no such cross-connect.
 */
public final class Tl1Simulator implements AutoCloseable {
  /** One cross-connect the simulated NE holds. */
  public record CrossConnect(
      String from, String to, String name, long frequencyMhz, int widthMhz, String powerDbm) {}

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yy-MM-dd HH:mm:ss");

  private final SimulatedNe ne;
  private final ServerSocket server;
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final AtomicInteger atags = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicReference<String> denyNext = new AtomicReference<>();
  private final AtomicReference<String> garbageNext = new AtomicReference<>();
  private final AtomicReference<String> dropAfter = new AtomicReference<>();
  private final Map<String, Duration> delayFor = new ConcurrentHashMap<>();
  private volatile Duration delay = Duration.ZERO;
  private volatile int linesPerBlock = 4;
  private volatile boolean closed;
  private final Thread acceptor;

  private Tl1Simulator(String tid, String user, String password, Set<String> ports, int port)
      throws IOException {
    this.ne = new SimulatedNe(tid, user, password, ports);
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    this.acceptor = Thread.ofPlatform().daemon().name("tl1-sim accept").start(this::acceptLoop);
  }

  /**
   * A simulator with TID {@code NE1}, user {@code admin}/{@code secret} and ports CLIENT-1..8,
   * LINE-1..2.
   */
  public static Tl1Simulator start() throws IOException {
    return startOn(0);
  }

  /** {@link #start()} on a given loopback port (0: any free one), e.g. to come back after close. */
  public static Tl1Simulator startOn(int port) throws IOException {
    Set<String> ports = new java.util.LinkedHashSet<>();
    for (int i = 1; i <= 8; i++) {
      ports.add("CLIENT-" + i);
    }
    ports.add("LINE-1");
    ports.add("LINE-2");
    return new Tl1Simulator("NE1", "admin", "secret", ports, port);
  }

  public int port() {
    return server.getLocalPort();
  }

  public String tid() {
    return ne.tid;
  }

  /** Client options that log in to this simulator (short timeouts for tests). */
  public Tl1ClientOptions clientOptions() {
    return Tl1ClientOptions.of("127.0.0.1", port(), ne.tid, ne.user, ne.password)
        .withCommandTimeout(Duration.ofSeconds(2))
        .withReconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1));
  }

  /** The cross-connects held now, keyed by {@code FROM,TO}. */
  public Map<String, CrossConnect> crossConnects() {
    return ne.crossConnects();
  }

  /** How many commands with this code were received. */
  public int received(String code) {
    AtomicInteger n = received.get(code);
    return n == null ? 0 : n.get();
  }

  /** TCP connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Sessions logged in now. */
  public int loggedIn() {
    return (int) sessions.stream().filter(s -> s.loggedIn).count();
  }

  /** The next command (other than ACT-USER) is denied with this error code and not applied. */
  public void denyNext(String errorCode) {
    denyNext.set(errorCode);
  }

  /** The next command (other than ACT-USER) is not applied and answered with this text. */
  public void garbageNext(String text) {
    garbageNext.set(text);
  }

  /** Every answer waits this long first. */
  public void delayReplies(Duration d) {
    delay = d;
  }

  /** The next command with this code is applied, then the connection drops unanswered. */
  public void dropAfterNext(String commandCode) {
    dropAfter.set(commandCode);
  }

  /** Answers to commands with this code wait this long (on top of {@link #delayReplies}). */
  public void delay(String commandCode, Duration d) {
    delayFor.put(commandCode, d);
  }

  /** Quoted lines per block before a {@code >} continuation. */
  public void linesPerBlock(int n) {
    linesPerBlock = n;
  }

  /** Closes every client connection now. */
  public void dropConnections() {
    for (Session s : sessions) {
      s.close();
    }
  }

  /**
   * Raises an alarm and reports it to logged-in sessions ({@code CR}, {@code MJ} or {@code MN}).
   */
  public void raiseAlarm(String aid, String severity, String condition, String description) {
    String line = ne.raiseAlarm(aid, severity, condition, description);
    String code =
        switch (severity) {
          case "CR" -> "*C";
          case "MJ" -> "**";
          default -> "* ";
        };
    broadcast(code, line);
  }

  /** Clears an alarm and reports the clearing ({@code A}, notification code CL). */
  public void clearAlarm(String aid, String condition) {
    String line = ne.clearAlarm(aid, condition);
    if (line != null) {
      broadcast("A ", line);
    }
  }

  private void broadcast(String code, String line) {
    String msg =
        header()
            + code
            + " "
            + atags.incrementAndGet()
            + " REPT ALM EQPT\r\n"
            + "   "
            + quote(line)
            + "\r\n;";
    for (Session s : sessions) {
      if (s.loggedIn) {
        s.write(msg);
      }
    }
  }

  private String header() {
    return "\r\n\n   " + ne.tid + " " + LocalDateTime.now().format(DATE) + "\r\n";
  }

  /** A quoted response line: inner quotes and backslashes escaped. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Session session = new Session(s);
        sessions.add(session);
        Thread.ofPlatform().daemon().name("tl1-sim session").start(session::run);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    dropConnections();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Session {
    final Socket socket;
    volatile boolean loggedIn;
    OutputStream out;

    Session(Socket socket) {
      this.socket = socket;
    }

    void run() {
      try (socket) {
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        StringBuilder cmd = new StringBuilder();
        boolean quoted = false;
        int c;
        while ((c = in.read()) >= 0) {
          char ch = (char) c;
          if (ch == '"') {
            quoted = !quoted;
          }
          if (ch == '\\' && quoted) {
            cmd.append(ch);
            int next = in.read();
            if (next < 0) {
              break;
            }
            cmd.append((char) next);
            continue;
          }
          if (ch == ';' && !quoted) {
            handle(cmd.toString().strip());
            cmd.setLength(0);
          } else {
            cmd.append(ch);
          }
        }
      } catch (IOException e) {
        // The connection ended.
      } finally {
        sessions.remove(this);
      }
    }

    synchronized void write(String s) {
      try {
        if (out != null) {
          out.write(s.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed.
      }
    }

    void handle(String text) {
      SimulatedCommand c = SimulatedCommand.parse(text);
      String code = c.code();
      String ctag = c.ctag();
      received.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
      sleep(delay);
      sleep(delayFor.getOrDefault(code, Duration.ZERO));
      if (!c.wellFormed()) {
        write(
            header()
                + "M  "
                + (ctag.isEmpty() ? "0" : ctag.replaceAll("[^A-Za-z0-9]", ""))
                + " DENY\r\n   IISP\r\n   /* Input, syntax, bad punctuation */\r\n;");
        return;
      }
      if (!code.equals("ACT-USER")) {
        String deny = denyNext.getAndSet(null);
        if (deny != null) {
          deny(ctag, deny, "told to deny");
          return;
        }
        String garbage = garbageNext.getAndSet(null);
        if (garbage != null) {
          write(garbage);
          return;
        }
      }
      if (!c.tid().isEmpty() && !c.tid().equals(ne.tid)) {
        deny(ctag, "IITA", "invalid target identifier");
        return;
      }
      if (!loggedIn && !code.equals("ACT-USER") && !code.equals("RTRV-HDR")) {
        deny(ctag, "PLNA", "login not active");
        return;
      }
      String aid = c.aid();
      List<String> answer = new ArrayList<>();
      String error =
          switch (code) {
            case "ACT-USER" -> {
              String refused = ne.login(aid, c.firstPayload());
              loggedIn |= refused == null;
              yield refused;
            }
            case "CANC-USER" -> {
              loggedIn = false;
              yield null;
            }
            case "RTRV-HDR" -> null;
            case "RTRV-EQPT" -> ne.rtrvEqpt(aid, answer);
            case "ENT-CRS-OCH" -> ne.entCrs(aid, c.payload());
            case "DLT-CRS-OCH" -> ne.dltCrs(aid);
            case "RTRV-CRS-OCH" -> ne.rtrvCrs(aid, answer);
            case "RTRV-ALM-ALL" -> ne.rtrvAlmAll(answer);
            default -> "IICM";
          };
      if (error != null) {
        deny(ctag, error, "refused");
        return;
      }
      String drop = dropAfter.get();
      if (code.equals(drop) && dropAfter.compareAndSet(drop, null)) {
        close();
        return;
      }
      StringBuilder msg = new StringBuilder();
      int n = Math.max(1, linesPerBlock);
      for (int i = 0; i == 0 || i < answer.size(); i += n) {
        msg.append(header()).append("M  ").append(ctag).append(" COMPLD\r\n");
        for (int j = i; j < Math.min(answer.size(), i + n); j++) {
          msg.append("   ").append(quote(answer.get(j))).append("\r\n");
        }
        msg.append(i + n < answer.size() ? ">" : ";");
      }
      write(msg.toString());
    }

    void deny(String ctag, String code, String why) {
      write(header() + "M  " + ctag + " DENY\r\n   " + code + "\r\n   /* " + why + " */\r\n;");
    }
  }

  private static void sleep(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
