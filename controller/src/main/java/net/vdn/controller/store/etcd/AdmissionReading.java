package net.vdn.controller.store.etcd;

import static net.vdn.controller.store.etcd.EtcdStore.JSON;
import static net.vdn.controller.store.etcd.EtcdStore.json;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;
import net.vdn.controller.store.Admissions;
import net.vdn.controller.store.etcd.Etcd.Entry;

/**
 * What one admission read, key by key, with each key's mod revision (0 when absent): the state the
 * admission rule sees, and the guards of the transaction that acts on it.
 */
final class AdmissionReading implements Admissions.State {
  /** The holdings as JSON: rates as a list (map keys would lose the port's type). */
  record HeldJson(int sliceId, List<Rate> rates, List<Edge> edges) {
    record Rate(String device, int port, long bps) {}
  }

  /** One edge claim as JSON: the prefix in its text form, null for every frame. */
  record Edge(String device, int port, String srcPrefix, Integer vlan) {
    EdgeClaim claim() {
      return new EdgeClaim(
          new ConnectPoint(device, port),
          srcPrefix == null ? null : net.vdn.pipeconf.rule.Ipv4Prefix.parse(srcPrefix),
          vlan);
    }

    static Edge of(EdgeClaim c) {
      return new Edge(
          c.port().device(),
          c.port().port(),
          c.srcPrefix() == null ? null : c.srcPrefix().toString(),
          c.vlan());
    }
  }

  private final Etcd etcd;
  private final Map<String, Entry> read = new HashMap<>();

  AdmissionReading(Etcd etcd) {
    this.etcd = etcd;
  }

  private Entry at(String key) {
    if (!read.containsKey(key)) {
      read.put(key, etcd.get(key));
    }
    return read.get(key);
  }

  List<Etcd.Guard> guards() {
    List<Etcd.Guard> out = new ArrayList<>();
    read.forEach((k, e) -> out.add(new Etcd.Guard(k, e == null ? 0 : e.modRevision())));
    return out;
  }

  static String rateKey(ConnectPoint p) {
    return "rate/" + p.device() + "/" + p.port();
  }

  static String edgeKey(ConnectPoint p) {
    return "edge/" + p.device() + "/" + p.port();
  }

  /** Where each slice's claims on an edge port are kept, one key per slice under it. */
  static String claimsKey(ConnectPoint p) {
    return "claims/" + p.device() + "/" + p.port() + "/";
  }

  /** Whether a port's key is in the former form: every slice's claims in it, by name. */
  private static boolean byName(Entry port) {
    return port != null && port.value().length > 0 && port.value()[0] == '{';
  }

  /**
   * The claims on an edge port by slice. The port's key is read (and so compared by the
   * transaction): every change to the port's claims rewrites it, in the same transaction. Each
   * slice's claims are kept under a key of their own ({@link #claimsKey}), so that an admission
   * writes only its own; a port whose key still holds every slice's claims (as written before) is
   * read, and written, that way until its last claim is gone.
   */
  private Map<String, List<Edge>> claimsBySlice(ConnectPoint port) {
    Entry head = at(edgeKey(port));
    if (byName(head)) {
      return edges(head);
    }
    Map<String, List<Edge>> out = new java.util.TreeMap<>();
    String under = claimsKey(port);
    for (Entry c : etcd.range(under)) {
      out.put(c.key().substring(under.length()), edgeList(c));
    }
    return out;
  }

  /**
   * The writes that leave a slice's claims on a port as {@code mine} (none: it claims nothing
   * there): its own key, and the port's, which counts the slices with claims on it and is rewritten
   * even when the count stays, so that every admission reading the port sees the change. The other
   * slices' claims are neither read nor written.
   */
  private List<Etcd.Write> port(ConnectPoint p, String slice, List<Edge> mine) {
    String key = claimsKey(p) + slice;
    List<Entry> all = etcd.range(claimsKey(p));
    boolean had = all.stream().anyMatch(c -> c.key().equals(key));
    int count = all.size() - (had ? 1 : 0) + (mine.isEmpty() ? 0 : 1);
    List<Etcd.Write> out = new ArrayList<>();
    out.add(
        count == 0
            ? Etcd.Write.delete(edgeKey(p))
            : Etcd.Write.put(edgeKey(p), Integer.toString(count)));
    if (!mine.isEmpty()) {
      out.add(Etcd.Write.put(key, json(mine)));
    } else if (had) {
      out.add(Etcd.Write.delete(key));
    }
    return out;
  }

  /** The same for a port whose key holds every slice's claims by name (written before). */
  private List<Etcd.Write> formerPort(ConnectPoint p, String slice, List<Edge> mine) {
    Map<String, List<Edge>> m = new java.util.TreeMap<>(edges(at(edgeKey(p))));
    m.remove(slice);
    if (!mine.isEmpty()) {
      m.put(slice, mine);
    }
    return List.of(
        m.isEmpty() ? Etcd.Write.delete(edgeKey(p)) : Etcd.Write.put(edgeKey(p), json(m)));
  }

  /** The grants on an edge port (read, so compared by the transaction). */
  List<net.vdn.controller.security.Grant> grantsOn(ConnectPoint port) {
    return EtcdSecurity.grantsIn(at(EtcdSecurity.grantKey(port.device(), port.port())));
  }

  /** The edge ports a holding claims, each once. */
  Set<ConnectPoint> edgePorts(Holding h) {
    Set<ConnectPoint> out = new java.util.LinkedHashSet<>();
    h.edges().forEach(e -> out.add(e.port()));
    return out;
  }

  @Override
  public Holding held(String slice) {
    return holding(at("held/" + slice));
  }

  @Override
  public long reserved(ConnectPoint direction) {
    return total(at(rateKey(direction)));
  }

  @Override
  public String idHolder(int sliceId) {
    Entry e = at("id/" + sliceId);
    return e == null ? null : e.text();
  }

  @Override
  public Map<String, List<EdgeClaim>> claimsOn(ConnectPoint port) {
    Map<String, List<EdgeClaim>> out = new HashMap<>();
    claimsBySlice(port)
        .forEach((slice, list) -> out.put(slice, list.stream().map(Edge::claim).toList()));
    return out;
  }

  /** The writes that replace {@code now} with {@code wanted} for a slice. */
  List<Etcd.Write> replace(String slice, Holding now, Holding wanted) {
    List<Etcd.Write> out = new ArrayList<>();
    Set<ConnectPoint> directions = new java.util.LinkedHashSet<>(now.rates().keySet());
    directions.addAll(wanted.rates().keySet());
    for (ConnectPoint d : directions) {
      // The slice's own share is the one its holding (read with it, written with it) records.
      long total =
          reserved(d) - now.rates().getOrDefault(d, 0L) + wanted.rates().getOrDefault(d, 0L);
      out.add(
          total <= 0
              ? Etcd.Write.delete(rateKey(d))
              : Etcd.Write.put(rateKey(d), Long.toString(total)));
    }
    if (now.sliceId() != 0 && now.sliceId() != wanted.sliceId()) {
      if (slice.equals(idHolder(now.sliceId()))) {
        out.add(Etcd.Write.delete("id/" + now.sliceId()));
      }
    }
    if (wanted.sliceId() != 0 && !slice.equals(idHolder(wanted.sliceId()))) {
      out.add(Etcd.Write.put("id/" + wanted.sliceId(), slice));
    }
    Set<ConnectPoint> ports = edgePorts(now);
    ports.addAll(edgePorts(wanted));
    for (ConnectPoint p : ports) {
      List<Edge> mine =
          wanted.edges().stream().filter(e -> e.port().equals(p)).map(Edge::of).toList();
      out.addAll(byName(at(edgeKey(p))) ? formerPort(p, slice, mine) : port(p, slice, mine));
    }
    if (wanted.isEmpty()) {
      out.add(Etcd.Write.delete("held/" + slice));
    } else {
      List<HeldJson.Rate> rates = new ArrayList<>();
      wanted.rates().forEach((p, bps) -> rates.add(new HeldJson.Rate(p.device(), p.port(), bps)));
      out.add(
          Etcd.Write.put(
              "held/" + slice,
              json(
                  new HeldJson(
                      wanted.sliceId(), rates, wanted.edges().stream().map(Edge::of).toList()))));
    }
    return out;
  }

  static Holding holding(Entry e) {
    if (e == null) {
      return Holding.NONE;
    }
    try {
      HeldJson h = JSON.readValue(e.value(), HeldJson.class);
      Map<ConnectPoint, Long> rates = new HashMap<>();
      h.rates().forEach(r -> rates.put(new ConnectPoint(r.device(), r.port()), r.bps()));
      return new Holding(rates, h.sliceId(), h.edges().stream().map(Edge::claim).toList());
    } catch (java.io.IOException x) {
      throw new IllegalStateException(e.key() + ": " + x, x);
    }
  }

  /**
   * Bits per second reserved on a direction by every slice: a number, the total, which each
   * admission moves by its slice's change (each slice's own share is in its holding). A value
   * written by an earlier version, every slice's share by name, is read as their sum.
   */
  static long total(Entry e) {
    if (e == null) {
      return 0;
    }
    try {
      var node = JSON.readTree(e.value());
      if (node.isIntegralNumber()) {
        return node.longValue();
      }
      if (node.isObject()) {
        return JSON.convertValue(node, new TypeReference<Map<String, Long>>() {}).values().stream()
            .mapToLong(Long::longValue)
            .sum();
      }
      throw new IllegalStateException(e.key() + ": not a rate: " + e.text());
    } catch (java.io.IOException | IllegalArgumentException x) {
      throw new IllegalStateException(e.key() + ": " + x, x);
    }
  }

  private static List<Edge> edgeList(Entry e) {
    try {
      return JSON.readValue(e.value(), new TypeReference<List<Edge>>() {});
    } catch (java.io.IOException x) {
      throw new IllegalStateException(e.key() + ": " + x, x);
    }
  }

  static Map<String, List<Edge>> edges(Entry e) {
    if (e == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(e.value(), new TypeReference<Map<String, List<Edge>>>() {});
    } catch (java.io.IOException x) {
      throw new IllegalStateException(e.key() + ": " + x, x);
    }
  }
}
