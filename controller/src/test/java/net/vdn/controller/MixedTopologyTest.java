package net.vdn.controller;

import static net.vdn.controller.ControllerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.openflow.it.Ovs;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.softswitch.port.UdpPortBridge;
import net.vdn.testsupport.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One slice across switch kinds: a Linux host in a namespace on an Open vSwitch bridge (OpenFlow
 * 1.3, userspace datapath), a trunk to a softswitch (P4Runtime), and a second host behind the
 * softswitch. The softswitch's ports are bound to the veths through socat relays. The controller
 * discovers the OpenFlow-P4 link by LLDP both ways and programs both switches with one slice.
 */
class MixedTopologyTest {
  private static final long DPID = 0x00000000000d0001L;

  @TempDir Path dir;

  @Test
  void aSliceCrossesAnOpenVSwitchBridgeAndASoftswitch() throws Exception {
    Ovs.assumeAvailable();
    assumeTrue(Programs.onPath("socat"), "socat is not on PATH (Debian package socat)");
    assumeTrue(Programs.onPath("ethtool"), "ethtool is not on PATH (Debian package ethtool)");
    List<Process> relays = new ArrayList<>();
    Map<Integer, UdpPortBridge> bridges = new ConcurrentHashMap<>();
    SoftswitchDevice s1 = new SoftswitchDevice(1, 255);
    try (Ovs ovs = Ovs.start()) {
      int p4rt = s1.serve("127.0.0.1", 0);
      for (int port : List.of(1, 2)) {
        s1.ports().add(port, String.valueOf(port), 1_000_000_000L);
      }
      s1.onEgress(
          (port, frame) -> {
            UdpPortBridge b = bridges.get(port);
            if (b != null) {
              b.send(frame);
            }
          });
      try (Controller c =
          Controller.start(
              ControllerOptions.defaults(dir.resolve("state.json"))
                  .withRest("127.0.0.1", 0)
                  .withDiscoveryInterval(Duration.ofMillis(300))
                  .withDevices(List.of(DeviceConfig.p4("s1", "127.0.0.1:" + p4rt, 1)))
                  .withOpenFlow(0))) {
        Http http = new Http(c.restPort());
        String br = ovs.bridge(DPID, c.openflowPort());
        Ovs.Host h1 = ovs.host(br, 1, "10.77.0.1");
        Ovs.LooseHost h2 = ovs.looseHost("10.77.0.2");
        // The trunk is a TAP device that socat opens and relays to the softswitch's port 1: a
        // TAP hands 802.1Q tags over inside the frames (a packet socket on a veth would not).
        String tap = "vdnt" + (ProcessHandle.current().pid() % 100000);
        relays.add(relay(bridges, s1, 1, "TUN,tun-type=tap,tun-name=" + tap + ",iff-no-pi,iff-up"));
        await(
            () -> java.nio.file.Files.exists(Path.of("/sys/class/net", tap)),
            Duration.ofSeconds(10),
            () -> "socat did not create " + tap);
        ovs.vsctl(
            "--timeout=20", "add-port", br, tap, "--", "set", "interface", tap, "ofport_request=3");
        Programs.run("ethtool", "-K", h2.outside(), "rxvlan", "off", "txvlan", "off");
        Programs.run("sysctl", "-q", "-w", "net.ipv6.conf." + h2.outside() + ".disable_ipv6=1");
        Programs.run("sysctl", "-q", "-w", "net.ipv6.conf." + tap + ".disable_ipv6=1");
        relays.add(relay(bridges, s1, 2, "INTERFACE:" + h2.outside()));

        String of = String.format("of:%016x", DPID);
        await(
            () -> c.services().topology().links().size() == 2,
            Duration.ofSeconds(30),
            () ->
                "links "
                    + c.services().topology().links()
                    + "; OVS log: "
                    + ovs.log("ovs-vswitchd"));
        assertThat(http.get("/api/v1/links").text())
            .contains("\"" + of + ":3\"")
            .contains("\"s1:1\"");

        Http.Answer created =
            http.post(
                "/api/v1/slices",
                """
                {"name": "mixed", "tenant": "t", "sliceId": 321, "cirBps": 10000000,
                 "endpoints": [{"device": "%s", "port": 1}, {"device": "s1", "port": 2}]}"""
                    .formatted(of));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("devices").toString()).contains(of).contains("s1");
        boolean pinged = ovs.ping(h1, h2.host(), 3);
        assertThat(pinged)
            .as(
                "ping across OVS and the softswitch; OVS flows:%n%s%nsoftswitch slice counters: %s",
                ovs.ofctl("-O", "OpenFlow13", "dump-flows", br),
                c.services().slices().counters("mixed"))
            .isTrue();
        String flows = ovs.ofctl("-O", "OpenFlow13", "dump-flows", br);
        assertThat(flows).contains("dl_vlan=321").contains("meter:");

        assertThat(http.get("/api/v1/openflow/switches").json().get(0).get("available").asBoolean())
            .isTrue();
        assertThat(http.delete("/api/v1/slices/mixed").code()).isEqualTo(204);
        assertThat(ovs.ping(h1, h2.host(), 2)).as("ping after the slice is gone").isFalse();
      }
    } finally {
      relays.forEach(Programs::stop);
      bridges.values().forEach(UdpPortBridge::close);
      s1.close();
    }
  }

  /** Binds a softswitch port to a socat address (an interface, a TAP): UDP on loopback. */
  private static Process relay(
      Map<Integer, UdpPortBridge> bridges, SoftswitchDevice sw, int port, String address)
      throws Exception {
    // Two distinct free UDP ports, held together so that they cannot be the same one.
    int ours;
    int peer;
    try (var a = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        var b = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      ours = a.getLocalPort();
      peer = b.getLocalPort();
    }
    bridges.put(
        port,
        new UdpPortBridge(
            port,
            new InetSocketAddress("127.0.0.1", ours),
            new InetSocketAddress("127.0.0.1", peer),
            sw::receive));
    return new ProcessBuilder(
            "socat", address, "UDP4-DATAGRAM:127.0.0.1:" + ours + ",bind=127.0.0.1:" + peer)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
