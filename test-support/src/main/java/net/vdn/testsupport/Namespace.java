package net.vdn.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/**
 * One network namespace of a {@link NetworkNamespaces}, or the initial one: commands run in it,
 * processes started in it, and its interfaces' links, addresses and neighbours.
 */
public final class Namespace {
  private final NetworkNamespaces owner;
  private final String name;

  Namespace(NetworkNamespaces owner, String name) {
    this.owner = owner;
    this.name = name;
  }

  /** The namespace's name, for {@code ip netns exec}; null for the initial namespace. */
  public String name() {
    return name;
  }

  public boolean isInitial() {
    return name == null;
  }

  /** The command line that runs {@code command} in this namespace. */
  public List<String> command(String... command) {
    List<String> full = new ArrayList<>();
    if (!isInitial()) {
      full.addAll(List.of("ip", "netns", "exec", name));
    }
    full.addAll(List.of(command));
    return full;
  }

  /** Runs a command here to completion and returns its output; a failure raises its output. */
  public String exec(String... command) throws IOException, InterruptedException {
    return Programs.run(new ProcessBuilder(command(command)));
  }

  /**
   * Starts a command here in the background, its output to {@code log}. The owner stops it on
   * close; a test may stop it earlier with {@link Programs#stop}.
   */
  public Process start(Path log, String... command) throws IOException {
    Process p = Programs.start(log, command(command).toArray(String[]::new));
    owner.started(p);
    return p;
  }

  /**
   * A veth pair: {@code end} here, {@code peerEnd} in {@code peer} (which may be this namespace),
   * both up. A pair with an end in the initial namespace is made there.
   */
  public void veth(String end, Namespace peer, String peerEnd)
      throws IOException, InterruptedException {
    if (peer.isInitial() && !isInitial()) {
      peer.veth(peerEnd, this, end);
      return;
    }
    exec("ip", "link", "add", end, "type", "veth", "peer", "name", peerEnd);
    if (isInitial()) {
      owner.madeLink(end);
    }
    if (peer != this) {
      exec("ip", "link", "set", peerEnd, "netns", peer.name);
    }
    up(end);
    peer.up(peerEnd);
  }

  /** Brings a link up. */
  public void up(String link) throws IOException, InterruptedException {
    exec("ip", "link", "set", link, "up");
  }

  /** Adds an IPv4 address with its prefix length to a link. */
  public void address(String link, Ipv4Address address, int prefixLength)
      throws IOException, InterruptedException {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
    }
    exec("ip", "addr", "add", address + "/" + prefixLength, "dev", link);
  }

  /** Sets a link's MAC address. */
  public void mac(String link, MacAddress mac) throws IOException, InterruptedException {
    exec("ip", "link", "set", link, "address", mac.toString());
  }

  /** A link's MAC address. */
  public MacAddress mac(String link) throws IOException, InterruptedException {
    return MacAddress.parse(exec("cat", "/sys/class/net/" + link + "/address").strip());
  }

  /** A static neighbour (ARP) entry: {@code address} is at {@code mac} through {@code link}. */
  public void neighbor(String link, Ipv4Address address, MacAddress mac)
      throws IOException, InterruptedException {
    exec("ip", "neigh", "add", address.toString(), "lladdr", mac.toString(), "dev", link);
  }

  @Override
  public String toString() {
    return isInitial() ? "the initial network namespace" : "network namespace " + name;
  }
}
