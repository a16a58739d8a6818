package net.vdn.softswitch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.MatchTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A v1model switch running one compiled program: parser, checksum verification, ingress, the
 * traffic manager with its packet replication engine (multicast, clone, resubmit, recirculate),
 * egress per replica, checksum update and deparser. This class loads the program and gives access
 * to its objects by name; {@link PacketProcessor} does what happens to a packet.
 *
 * <p>Packet processing and control-plane access share one lock: {@link #process} takes it; callers
 * that read or change tables, profiles, externs or the PRE hold {@link #lock()} around the calls (a
 * P4Runtime write batch can hold it once for the whole batch).
 */
public final class Switch {
  private static final Logger LOG = LoggerFactory.getLogger(Switch.class);

  private final Program program;
  private final SwitchConfig config;
  private final ReplicationEngine pre = new ReplicationEngine();
  private final ReentrantLock lock = new ReentrantLock();
  private final PacketProcessor processor;

  private Switch(Program program, SwitchConfig config) {
    this.program = program;
    this.config = config;
    this.processor = new PacketProcessor(program, config, pre);
  }

  /** Compiles a BMv2 JSON program; any problem is a {@link ProgramException} naming its cause. */
  public static Switch load(byte[] json, SwitchConfig config) {
    SwitchConfig c = config == null ? SwitchConfig.defaults() : config;
    RandomGenerator random = new SplittableRandom(c.randomSeed());
    Program program;
    try {
      program =
          new Program(
              new ProgramBuilder(new Json(Program.parseJson(json), "program"), c.clock(), random));
    } catch (ProgramException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProgramException("program: cannot load: " + e, e);
    }
    LOG.info(
        "loaded program: {} headers, {} tables, {} actions",
        program.layout.headers().size(),
        program.tables.size(),
        program.actions.size());
    return new Switch(program, c);
  }

  public static Switch load(String json, SwitchConfig config) {
    return load(json.getBytes(StandardCharsets.UTF_8), config);
  }

  public Program program() {
    return program;
  }

  /** The lock that serializes packet processing and control-plane access. */
  public ReentrantLock lock() {
    return lock;
  }

  public int cpuPort() {
    return config.cpuPort();
  }

  public ReplicationEngine pre() {
    return pre;
  }

  public MatchTable table(String name) {
    return require(program.tables.get(name), "table", name);
  }

  public ActionProfile actionProfile(String name) {
    return require(program.profiles.get(name), "action profile", name);
  }

  public CounterArray counter(String name) {
    return require(program.counters.get(name), "counter", name);
  }

  public MeterArray meter(String name) {
    return require(program.meters.get(name), "meter", name);
  }

  public RegisterArray register(String name) {
    return require(program.registers.get(name), "register", name);
  }

  private static <T> T require(T value, String kind, String name) {
    if (value == null) {
      throw new IllegalArgumentException("no " + kind + " '" + name + "' in the program");
    }
    return value;
  }

  /**
   * Processes one packet received on {@code ingressPort} (the CPU port for a packet-out) and
   * returns the packets sent, in order; packets to the CPU port are packet-ins. Never throws for
   * bad input.
   */
  public List<OutputPacket> process(int ingressPort, byte[] packet) {
    Objects.requireNonNull(packet, "packet");
    lock.lock();
    try {
      return processor.process(ingressPort, packet);
    } finally {
      lock.unlock();
    }
  }
}
