package net.vdn.softswitch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.runtime.Scratch;
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
 * <p>Packets are processed by {@linkplain #newWorker workers}, concurrently: one worker per thread,
 * each with its own packet state and a lock of its own that it holds while it processes a packet.
 * The compiled program (tables, profiles, the PRE) is read-only to them; the shared state they
 * change is thread-safe and exact (counters add atomically, each meter marks one packet at a time,
 * an action holds the locks of the register arrays it uses). The control plane holds {@link
 * #lock()}, which takes every worker's lock: while it is held no packet is being processed, so a
 * batch of changes made under it is applied between packets. {@link #process} is a worker shared by
 * its callers, one call at a time.
 */
public final class Switch {
  private static final Logger LOG = LoggerFactory.getLogger(Switch.class);

  private final Program program;
  private final SwitchConfig config;
  private final ReplicationEngine pre = new ReplicationEngine();
  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final AtomicInteger workerIds = new AtomicInteger();
  private final ControlLock control = new ControlLock();
  private final Worker shared;

  private Switch(Program program, SwitchConfig config) {
    this.program = program;
    this.config = config;
    this.shared = newWorker();
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

  /**
   * The control plane's lock: while a thread holds it, no worker is processing a packet (it waits
   * for the packets in progress to finish and holds the workers back until it is released).
   * Reentrant. Hold it around every call that reads or changes tables, profiles, externs or the
   * PRE; a P4Runtime write batch holds it once for the whole batch.
   */
  public Lock lock() {
    return control;
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
   * bad input. Calls from several threads are processed one at a time; for packets processed in
   * parallel, give each thread a {@link #newWorker worker}.
   */
  public List<OutputPacket> process(int ingressPort, byte[] packet) {
    return shared.process(ingressPort, packet);
  }

  /**
   * A new worker: packet state for one thread, processing packets in parallel with the switch's
   * other workers. Close it when the thread is done with it.
   */
  public Worker newWorker() {
    control.lock();
    try {
      int id = workerIds.getAndIncrement();
      Worker w = new Worker(id);
      workers.add(w);
      return w;
    } finally {
      control.unlock();
    }
  }

  /** The workers in use, the one behind {@link #process} included. */
  public int workerCount() {
    return workers.size();
  }

  /**
   * The packet state of one processing thread. {@link #process} holds the worker's lock, so calls
   * on one worker are serialized (and wait while the control plane holds {@link Switch#lock()}).
   */
  public final class Worker implements AutoCloseable {
    private final int id;
    // Fair: a control-plane thread waiting for it is not overtaken by the next packet.
    private final ReentrantLock lock = new ReentrantLock(true);
    private final PacketProcessor processor;

    private Worker(int id) {
      this.id = id;
      RandomGenerator random =
          id == 0
              ? new SplittableRandom(config.randomSeed())
              : new SplittableRandom(config.randomSeed() * 31 + id);
      this.processor = new PacketProcessor(program, config, pre, new Scratch(random, id));
    }

    /** The worker's number, in order of creation (0 is the one behind {@link Switch#process}). */
    public int id() {
      return id;
    }

    /**
     * Processes one packet received on {@code ingressPort} and returns the packets sent, in order,
     * as {@link Switch#process} does.
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

    /** Takes the worker out of the switch; the shared one behind {@link Switch#process} stays. */
    @Override
    public void close() {
      if (this == shared) {
        return;
      }
      control.lock();
      try {
        workers.remove(this);
      } finally {
        control.unlock();
      }
    }
  }

  /**
   * The control plane's lock: a reentrant lock among control-plane threads that, when first taken,
   * takes every worker's lock in turn (and gives them back when last released).
   */
  private final class ControlLock implements Lock {
    private final ReentrantLock writers = new ReentrantLock();
    private Worker[] held = new Worker[0];

    @Override
    public void lock() {
      writers.lock();
      if (writers.getHoldCount() == 1) {
        takeWorkers();
      }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
      writers.lockInterruptibly();
      if (writers.getHoldCount() == 1) {
        takeWorkers();
      }
    }

    @Override
    public boolean tryLock() {
      if (!writers.tryLock()) {
        return false;
      }
      if (writers.getHoldCount() == 1) {
        takeWorkers();
      }
      return true;
    }

    @Override
    public boolean tryLock(long time, java.util.concurrent.TimeUnit unit)
        throws InterruptedException {
      if (!writers.tryLock(time, unit)) {
        return false;
      }
      if (writers.getHoldCount() == 1) {
        takeWorkers();
      }
      return true;
    }

    private void takeWorkers() {
      Worker[] all = workers.toArray(new Worker[0]);
      for (Worker w : all) {
        w.lock.lock();
      }
      held = all;
    }

    @Override
    public void unlock() {
      if (writers.isHeldByCurrentThread() && writers.getHoldCount() == 1) {
        Worker[] all = held;
        held = new Worker[0];
        for (int i = all.length - 1; i >= 0; i--) {
          all[i].lock.unlock();
        }
      }
      writers.unlock();
    }

    @Override
    public java.util.concurrent.locks.Condition newCondition() {
      throw new UnsupportedOperationException("the switch lock has no conditions");
    }
  }
}
