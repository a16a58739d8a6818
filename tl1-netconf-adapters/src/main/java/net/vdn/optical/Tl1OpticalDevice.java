package net.vdn.optical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.optical.tl1.Tl1Client;
import net.vdn.optical.tl1.Tl1ClientOptions;
import net.vdn.optical.tl1.Tl1Exception;
import net.vdn.optical.tl1.Tl1Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optical channels as TL1 cross-connects: ENT-CRS-OCH from the source to the destination port with
 * {@code CKTID} (the channel's name), {@code FREQ}, {@code WIDTH} (MHz) and {@code POWER} (dBm),
 * DLT-CRS-OCH and RTRV-CRS-OCH. A multi-channel add that fails deletes what it entered; a command
 * whose answer was lost (timeout, dropped connection) is checked with RTRV-CRS-OCH and undone.
 */
public final class Tl1OpticalDevice implements OpticalDevice {
  private static final Logger log = LoggerFactory.getLogger(Tl1OpticalDevice.class);

  private final String name;
  private final Tl1ClientOptions options;
  private volatile Tl1Client client;

  public Tl1OpticalDevice(String name, Tl1ClientOptions options) {
    this.name = name;
    this.options = options;
  }

  @Override
  public String name() {
    return name;
  }

  /** The TL1 session, for alarms ({@link Tl1Client#addListener}); null before connect. */
  public Tl1Client client() {
    return client;
  }

  @Override
  public synchronized void connect() throws OpticalException {
    if (client != null) {
      return;
    }
    try {
      client = Tl1Client.connect(options);
    } catch (Tl1Exception e) {
      throw failure(e, "connect");
    }
  }

  @Override
  public boolean isConnected() {
    Tl1Client c = client;
    return c != null && c.isConnected();
  }

  private Tl1Client session() throws OpticalException {
    Tl1Client c = client;
    if (c == null) {
      throw new OpticalException(OpticalException.Kind.UNREACHABLE, name, "not connected");
    }
    return c;
  }

  @Override
  public synchronized void addAll(List<OpticalChannel> channels) throws OpticalException {
    Tl1Client c = session();
    List<OpticalChannel> existing = list();
    for (OpticalChannel ch : channels) {
      if (existing.stream().anyMatch(x -> x.name().equals(ch.name()))) {
        throw new OpticalException(
            OpticalException.Kind.ALREADY_EXISTS, name, "channel " + ch.name() + " exists");
      }
    }
    List<OpticalChannel> entered = new ArrayList<>();
    for (OpticalChannel ch : channels) {
      try {
        c.entCrs(ch.sourcePort(), ch.destinationPort(), params(ch));
        entered.add(ch);
      } catch (Tl1Exception e) {
        boolean unknownOutcome =
            e.kind() == Tl1Exception.Kind.TIMEOUT
                || e.kind() == Tl1Exception.Kind.CONNECTION
                || e.kind() == Tl1Exception.Kind.PROTOCOL
                || e.kind() == Tl1Exception.Kind.PARTIAL;
        if (unknownOutcome) {
          entered.add(ch); // it may be there: undo checks before deleting
        }
        undo(entered, e, "add " + ch.name());
        throw failure(e, "add " + ch.name());
      }
    }
    log.info(
        "{}: added {} channel(s) {}",
        name,
        channels.size(),
        channels.stream().map(OpticalChannel::name).toList());
  }

  /** Deletes what an add entered; UNCERTAIN when that cannot be done or checked. */
  private void undo(List<OpticalChannel> entered, Tl1Exception cause, String what)
      throws OpticalException {
    if (entered.isEmpty()) {
      return;
    }
    try {
      awaitSession();
      List<OpticalChannel> now = list();
      for (OpticalChannel ch : entered.reversed()) {
        if (now.stream().anyMatch(x -> x.name().equals(ch.name()))) {
          session().dltCrs(ch.sourcePort(), ch.destinationPort());
        }
      }
      log.info(
          "{}: {} failed ({}); undid {} channel(s)",
          name,
          what,
          cause.getMessage(),
          entered.size());
    } catch (Tl1Exception | OpticalException e) {
      OpticalException u =
          new OpticalException(
              OpticalException.Kind.UNCERTAIN,
              name,
              what
                  + " failed ("
                  + cause.getMessage()
                  + ") and undoing it failed: "
                  + e.getMessage(),
              cause);
      u.addSuppressed(e);
      throw u;
    }
  }

  /** After a dropped connection the client reconnects by itself; wait for it a while. */
  private void awaitSession() throws OpticalException {
    long deadline = System.nanoTime() + options.commandTimeout().toNanos() * 2;
    while (!isConnected() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!isConnected()) {
      throw new OpticalException(OpticalException.Kind.UNREACHABLE, name, "not reconnected");
    }
  }

  @Override
  public synchronized void remove(String channelName) throws OpticalException {
    Optional<OpticalChannel> ch =
        list().stream().filter(x -> x.name().equals(channelName)).findFirst();
    if (ch.isEmpty()) {
      throw new OpticalException(
          OpticalException.Kind.NOT_FOUND, name, "no channel " + channelName);
    }
    try {
      session().dltCrs(ch.get().sourcePort(), ch.get().destinationPort());
      log.info("{}: removed channel {}", name, channelName);
    } catch (Tl1Exception e) {
      throw failure(e, "remove " + channelName);
    }
  }

  @Override
  public List<OpticalChannel> list() throws OpticalException {
    try {
      List<OpticalChannel> out = new ArrayList<>();
      for (Tl1Line line : session().rtrvCrs("ALL").parsedLines()) {
        out.add(channel(line));
      }
      return out;
    } catch (Tl1Exception e) {
      throw failure(e, "list");
    }
  }

  private OpticalChannel channel(Tl1Line line) throws OpticalException {
    List<String> ends = line.block(0);
    Map<String, String> p = line.params();
    try {
      String power = p.get("POWER");
      return new OpticalChannel(
          p.getOrDefault("CKTID", ""),
          Long.parseLong(p.getOrDefault("FREQ", "")),
          Integer.parseInt(p.getOrDefault("WIDTH", "50000")),
          power == null || power.isEmpty() ? null : new BigDecimal(power),
          ends.get(0),
          ends.size() > 1 ? ends.get(1) : "");
    } catch (RuntimeException e) {
      throw new OpticalException(
          OpticalException.Kind.PROTOCOL,
          name,
          "cannot read cross-connect " + line.blocks() + ": " + e.getMessage(),
          e);
    }
  }

  private static Map<String, String> params(OpticalChannel ch) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("CKTID", ch.name());
    p.put("FREQ", Long.toString(ch.frequencyMhz()));
    p.put("WIDTH", Integer.toString(ch.widthMhz()));
    if (ch.targetPowerDbm() != null) {
      p.put("POWER", ch.targetPowerDbm().toPlainString());
    }
    return p;
  }

  private OpticalException failure(Tl1Exception e, String what) {
    OpticalException.Kind kind =
        switch (e.kind()) {
          // Names are checked before ENT-CRS, so SAAS there means a port or wavelength in use.
          case DENIED ->
              e.errorCode().equals("IENE")
                  ? OpticalException.Kind.NOT_FOUND
                  : OpticalException.Kind.REJECTED;
          case TIMEOUT -> OpticalException.Kind.TIMEOUT;
          case CONNECTION -> OpticalException.Kind.UNREACHABLE;
          case PARTIAL, PROTOCOL -> OpticalException.Kind.PROTOCOL;
        };
    return new OpticalException(kind, name, what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
