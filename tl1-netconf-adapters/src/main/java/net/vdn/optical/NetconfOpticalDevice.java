package net.vdn.optical;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.vdn.optical.netconf.Datastore;
import net.vdn.optical.netconf.EditOptions;
import net.vdn.optical.netconf.NetconfClient;
import net.vdn.optical.netconf.NetconfClientOptions;
import net.vdn.optical.netconf.NetconfException;
import net.vdn.optical.netconf.NetconfProtocolException;
import net.vdn.optical.netconf.NetconfSession;
import net.vdn.optical.netconf.NetconfSessionClosedException;
import net.vdn.optical.netconf.NetconfTimeoutException;
import net.vdn.optical.netconf.Operation;
import net.vdn.optical.netconf.RpcException;
import net.vdn.optical.netconf.internal.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Optical channels over NETCONF with the project's {@code vdn-optical} YANG module (namespace
 * {@value #NAMESPACE}): entries of {@code terminal-device/channel} or {@code
 * wavelength-router/media-channel}. Changes go through the candidate and a commit when the device
 * has one (discarded on failure), else into running under a lock with rollback-on-error (or, when
 * the device lacks it, by deleting what was created).
 */
public final class NetconfOpticalDevice implements OpticalDevice {
  /** The namespace of the project's YANG module. */
  public static final String NAMESPACE = "urn:vdn:optical";

  private static final Logger log = LoggerFactory.getLogger(NetconfOpticalDevice.class);

  /** Which part of the model the device has. */
  public enum Model {
    TERMINAL_DEVICE("terminal-device", "channel"),
    WAVELENGTH_ROUTER("wavelength-router", "media-channel");

    final String container;
    final String list;

    Model(String container, String list) {
      this.container = container;
      this.list = list;
    }
  }

  private final String name;
  private final NetconfClientOptions options;
  private final Model model;
  private NetconfClient client;
  private volatile NetconfSession session;

  public NetconfOpticalDevice(String name, NetconfClientOptions options, Model model) {
    this.name = name;
    this.options = options;
    this.model = model;
  }

  @Override
  public String name() {
    return name;
  }

  /** The NETCONF session (for notifications); null before connect. */
  public NetconfSession session() {
    return session;
  }

  @Override
  public synchronized void connect() throws OpticalException {
    if (session != null && session.isOpen()) {
      return;
    }
    if (client == null) {
      client = NetconfClient.start();
    }
    try {
      NetconfSession s = client.connect(options);
      if (!s.serverCapabilities().module(NAMESPACE)) {
        s.close();
        throw new OpticalException(
            OpticalException.Kind.PROTOCOL, name, "the device does not advertise " + NAMESPACE);
      }
      if (!s.serverCapabilities().candidate() && !s.serverCapabilities().writableRunning()) {
        s.close();
        throw new OpticalException(
            OpticalException.Kind.PROTOCOL,
            name,
            "the device has neither candidate nor writable running");
      }
      session = s;
      log.info(
          "{}: NETCONF session {} ({})",
          name,
          s.sessionId(),
          s.serverCapabilities().candidate() ? "candidate" : "running");
    } catch (NetconfException e) {
      throw failure(e, "connect");
    }
  }

  @Override
  public boolean isConnected() {
    NetconfSession s = session;
    return s != null && s.isOpen();
  }

  private NetconfSession open() throws OpticalException {
    NetconfSession s = session;
    if (s == null || !s.isOpen()) {
      throw new OpticalException(OpticalException.Kind.UNREACHABLE, name, "not connected");
    }
    return s;
  }

  @Override
  public synchronized void addAll(List<OpticalChannel> channels) throws OpticalException {
    if (channels.isEmpty()) {
      return;
    }
    Element root = Xml.add(Xml.newDocument(), NAMESPACE, model.container);
    for (OpticalChannel ch : channels) {
      Operation.CREATE.on(entry(root, ch));
    }
    Set<String> names = channels.stream().map(OpticalChannel::name).collect(Collectors.toSet());
    change(root, "add " + names, names);
    log.info("{}: added channel(s) {}", name, names);
  }

  @Override
  public synchronized void remove(String channelName) throws OpticalException {
    Element root = Xml.add(Xml.newDocument(), NAMESPACE, model.container);
    Element e = Operation.DELETE.on(Xml.add(root, NAMESPACE, model.list));
    Xml.add(e, NAMESPACE, "name", channelName);
    change(root, "remove " + channelName, Set.of());
    log.info("{}: removed channel {}", name, channelName);
  }

  /**
   * Applies one edit all or nothing. {@code created} names the entries the edit creates, so that
   * they can be deleted if the device cannot roll back by itself.
   */
  private void change(Element config, String what, Set<String> created) throws OpticalException {
    NetconfSession s = open();
    boolean candidate = s.serverCapabilities().candidate();
    Datastore target = candidate ? Datastore.CANDIDATE : Datastore.RUNNING;
    try {
      s.lock(target);
    } catch (NetconfException e) {
      throw failure(e, what + ": lock " + target.element());
    }
    try {
      if (candidate) {
        try {
          s.editConfig(Datastore.CANDIDATE, List.of(config), EditOptions.DEFAULTS);
          s.commit();
        } catch (NetconfException e) {
          discard(s, e, what);
          if (e instanceof NetconfTimeoutException) {
            undoIfPresent(s, created, e, what);
          }
          throw failure(e, what);
        }
      } else {
        boolean rollback = s.serverCapabilities().rollbackOnError();
        EditOptions opts =
            EditOptions.DEFAULTS.withErrorOption(
                rollback
                    ? EditOptions.ErrorOption.ROLLBACK_ON_ERROR
                    : EditOptions.ErrorOption.STOP_ON_ERROR);
        try {
          s.editConfig(Datastore.RUNNING, List.of(config), opts);
        } catch (NetconfException e) {
          if (!rollback || e instanceof NetconfTimeoutException) {
            undoIfPresent(s, created, e, what);
          }
          throw failure(e, what);
        }
      }
    } finally {
      try {
        if (s.isOpen()) {
          s.unlock(target);
        }
      } catch (NetconfException e) {
        log.warn("{}: unlock {}: {}", name, target.element(), e.getMessage());
      }
    }
  }

  private void discard(NetconfSession s, NetconfException cause, String what)
      throws OpticalException {
    if (!s.isOpen()) {
      return; // the server discards a closed session's locked candidate
    }
    try {
      s.discardChanges();
    } catch (NetconfException e) {
      throw uncertain(what, cause, e);
    }
  }

  /** Deletes from running whichever of the named entries an uncertain edit left there. */
  private void undoIfPresent(
      NetconfSession s, Set<String> names, NetconfException cause, String what)
      throws OpticalException {
    if (names.isEmpty()) {
      return;
    }
    try {
      List<String> present =
          list(s).stream().map(OpticalChannel::name).filter(names::contains).toList();
      if (present.isEmpty()) {
        return;
      }
      Element root = Xml.add(Xml.newDocument(), NAMESPACE, model.container);
      for (String n : present) {
        Element e = Operation.DELETE.on(Xml.add(root, NAMESPACE, model.list));
        Xml.add(e, NAMESPACE, "name", n);
      }
      Datastore target =
          s.serverCapabilities().candidate() ? Datastore.CANDIDATE : Datastore.RUNNING;
      s.editConfig(target, List.of(root), EditOptions.DEFAULTS);
      if (target == Datastore.CANDIDATE) {
        s.commit();
      }
      log.info("{}: {} failed ({}); deleted {}", name, what, cause.getMessage(), present);
    } catch (NetconfException | OpticalException e) {
      throw uncertain(what, cause, e);
    }
  }

  private OpticalException uncertain(String what, Exception cause, Exception undo) {
    OpticalException u =
        new OpticalException(
            OpticalException.Kind.UNCERTAIN,
            name,
            what
                + " failed ("
                + cause.getMessage()
                + ") and undoing it failed: "
                + undo.getMessage(),
            cause);
    u.addSuppressed(undo);
    return u;
  }

  @Override
  public List<OpticalChannel> list() throws OpticalException {
    return list(open());
  }

  private List<OpticalChannel> list(NetconfSession s) throws OpticalException {
    Element filter = Xml.add(Xml.newDocument(), NAMESPACE, model.container);
    Element data;
    try {
      data = s.getConfig(Datastore.RUNNING, filter);
    } catch (NetconfException e) {
      throw failure(e, "list");
    }
    List<OpticalChannel> out = new ArrayList<>();
    for (Element c : Xml.children(data, NAMESPACE, model.container)) {
      for (Element e : Xml.children(c, NAMESPACE, model.list)) {
        out.add(channel(e));
      }
    }
    return out;
  }

  private Element entry(Element root, OpticalChannel ch) {
    Element e = Xml.add(root, NAMESPACE, model.list);
    Xml.add(e, NAMESPACE, "name", ch.name());
    Xml.add(e, NAMESPACE, "frequency", Long.toString(ch.frequencyMhz()));
    Xml.add(e, NAMESPACE, "width", Integer.toString(ch.widthMhz()));
    if (ch.targetPowerDbm() != null) {
      Xml.add(e, NAMESPACE, "target-power", ch.targetPowerDbm().toPlainString());
    }
    Xml.add(e, NAMESPACE, "source-port", ch.sourcePort());
    Xml.add(e, NAMESPACE, "destination-port", ch.destinationPort());
    return e;
  }

  private OpticalChannel channel(Element e) throws OpticalException {
    String power = Xml.childText(e, NAMESPACE, "target-power");
    String width = Xml.childText(e, NAMESPACE, "width");
    try {
      return new OpticalChannel(
          Xml.childText(e, NAMESPACE, "name"),
          Long.parseLong(Xml.childText(e, NAMESPACE, "frequency")),
          width.isEmpty() ? 50_000 : Integer.parseInt(width),
          power.isEmpty() ? null : new BigDecimal(power),
          Xml.childText(e, NAMESPACE, "source-port"),
          Xml.childText(e, NAMESPACE, "destination-port"));
    } catch (RuntimeException ex) {
      throw new OpticalException(
          OpticalException.Kind.PROTOCOL, name, "cannot read a channel: " + ex.getMessage(), ex);
    }
  }

  private OpticalException failure(NetconfException e, String what) {
    OpticalException.Kind kind;
    if (e instanceof RpcException r) {
      kind =
          r.hasTag("data-exists")
              ? OpticalException.Kind.ALREADY_EXISTS
              : r.hasTag("data-missing") && what.startsWith("remove")
                  ? OpticalException.Kind.NOT_FOUND
                  : OpticalException.Kind.REJECTED;
    } else if (e instanceof NetconfTimeoutException) {
      kind = OpticalException.Kind.TIMEOUT;
    } else if (e instanceof NetconfSessionClosedException) {
      kind = OpticalException.Kind.UNREACHABLE;
    } else if (e instanceof NetconfProtocolException) {
      kind = OpticalException.Kind.PROTOCOL;
    } else {
      kind = OpticalException.Kind.UNREACHABLE;
    }
    return new OpticalException(kind, name, what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
