package net.vdn.softswitch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.StandardMetadata;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.PacketFault;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.runtime.Scratch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one received packet in a v1model switch: parser and checksum verification,
 * ingress, the traffic manager (multicast replicas, ingress and egress clones, resubmit and
 * recirculate passes, digests), egress per replica, checksum update and deparser. One per worker:
 * it holds the worker's packet state; {@link Switch.Worker} serializes calls to it.
 */
final class PacketProcessor {
  /** Logs as the switch does: what happens to packets is the switch's to report. */
  private static final Logger LOG = LoggerFactory.getLogger(Switch.class);

  /** Resubmit, recirculate and egress-clone passes allowed per received packet. */
  private static final int MAX_PASSES = 16;

  private final Program program;
  private final SwitchConfig config;
  private final StandardMetadata std;
  private final ReplicationEngine pre;
  private final int[] metadataHeaders;
  private final PhvPool phvs;
  private final ArrayDeque<Pass> pending = new ArrayDeque<>();
  private List<OutputPacket> out;
  private int passes;

  /** A later ingress pass: a resubmitted or recirculated packet with its preserved metadata. */
  private record Pass(int port, byte[] bytes, int instanceType, Phv preserved, int fieldList) {}

  PacketProcessor(Program program, SwitchConfig config, ReplicationEngine pre, Scratch scratch) {
    this.program = program;
    this.config = config;
    this.std = program.std;
    this.pre = pre;
    this.metadataHeaders =
        program.layout.headers().stream()
            .filter(HeaderInfo::metadata)
            .mapToInt(HeaderInfo::index)
            .toArray();
    this.phvs = new PhvPool(program.layout, scratch);
  }

  /**
   * Processes one packet received on {@code ingressPort} and returns the packets sent, in order.
   * The caller holds its worker's lock.
   */
  List<OutputPacket> process(int ingressPort, byte[] packet) {
    out = new ArrayList<>(2);
    passes = 0;
    ingress(ingressPort, packet, StandardMetadata.NORMAL, null, 0);
    while (!pending.isEmpty() && passes < MAX_PASSES) {
      Pass next = pending.poll();
      ingress(next.port, next.bytes, next.instanceType, next.preserved, next.fieldList);
      if (next.preserved != null) {
        phvs.release(next.preserved);
      }
    }
    while (!pending.isEmpty()) {
      Pass dropped = pending.poll();
      if (dropped.preserved != null) {
        phvs.release(dropped.preserved);
      }
      LOG.debug("packet dropped after {} resubmit/recirculate passes", MAX_PASSES);
    }
    return out;
  }

  /**
   * One ingress pass. A packet from a port starts with fresh metadata; a resubmitted or
   * recirculated one (as on BMv2) with all metadata zero except its preserved field list, its
   * instance type and its length.
   */
  private void ingress(int port, byte[] bytes, int instanceType, Phv preserved, int fieldList) {
    passes++;
    Phv p = phvs.main();
    fresh(p, bytes);
    long[] f = p.f;
    if (preserved == null) {
      StandardMetadata.set(f, std.ingressPort(), port);
      StandardMetadata.set(f, std.ingressTimestamp(), config.clock().getAsLong() / 1000);
    } else {
      copyFieldList(preserved, p, fieldList);
    }
    StandardMetadata.set(f, std.instanceType(), instanceType);
    StandardMetadata.set(f, std.packetLength(), bytes.length);
    try {
      program.parser.parse(p);
      program.checksums.verify(p);
      program.ingress.run(p);
    } catch (RuntimeException e) {
      dropOnFault("ingress", e);
      return;
    }
    if (p.cloneSession >= 0) {
      cloneIngress(p, port);
    }
    if (p.learnList != 0) {
      digest(p);
    }
    if (p.resubmitFieldList >= 0) {
      Phv keep = phvs.copyOf(p);
      pending.add(new Pass(port, bytes, StandardMetadata.RESUBMITTED, keep, p.resubmitFieldList));
      return;
    }
    long mcast = StandardMetadata.get(f, std.mcastGrp());
    if (mcast != 0) {
      StandardMetadata.set(f, std.instanceType(), StandardMetadata.REPLICATION);
      replicate(p, pre.group((int) mcast));
      return;
    }
    long spec = f[std.egressSpec().slot()];
    if (spec == StandardMetadata.DROP_PORT) {
      return;
    }
    StandardMetadata.set(f, std.instanceType(), StandardMetadata.NORMAL);
    egress(p, (int) spec);
  }

  /** Sends a copy of {@code p} to each replica of a group, with the replica's rid. */
  private void replicate(Phv p, MulticastGroup g) {
    if (g == null) {
      return;
    }
    for (Replica r : g.replicas()) {
      Phv c = phvs.copyOf(p);
      StandardMetadata.set(c.f, std.egressRid(), r.instance());
      egress(c, r.egressPort());
      phvs.release(c);
    }
  }

  private void egress(Phv p, int port) {
    long[] f = p.f;
    StandardMetadata.set(f, std.egressPort(), port);
    // As on BMv2, egress starts with egress_spec just past the drop port.
    StandardMetadata.set(f, std.egressSpec(), StandardMetadata.DROP_PORT + 1);
    StandardMetadata.set(f, std.packetLength(), p.length);
    StandardMetadata.set(f, std.egressTimestamp(), config.clock().getAsLong() / 1000);
    p.clearRequests();
    p.exit = false;
    byte[] bytes;
    try {
      program.egress.run(p);
      if (p.cloneSession >= 0) {
        cloneEgress(p);
      }
      if (f[std.egressSpec().slot()] == StandardMetadata.DROP_PORT) {
        return;
      }
      program.checksums.update(p);
      bytes = program.deparser.deparse(p, p.truncateLength);
    } catch (RuntimeException e) {
      dropOnFault("egress", e);
      return;
    }
    if (p.recirculateFieldList >= 0) {
      Phv keep = phvs.copyOf(p);
      pending.add(new Pass(0, bytes, StandardMetadata.RECIRCULATED, keep, p.recirculateFieldList));
      return;
    }
    out.add(new OutputPacket(port, bytes));
  }

  /** An ingress clone: the packet as received, parsed again, with reset metadata. */
  private void cloneIngress(Phv p, int port) {
    CloneSession s = pre.session(p.cloneSession);
    if (s == null) {
      return;
    }
    for (Replica r : s.replicas()) {
      Phv c = phvs.acquire();
      fresh(c, p.packet);
      StandardMetadata.set(c.f, std.ingressPort(), port);
      try {
        program.parser.parse(c);
      } catch (RuntimeException e) {
        dropOnFault("clone parser", e);
        phvs.release(c);
        continue;
      }
      resetMetadata(c);
      copyFieldList(p, c, p.cloneFieldList);
      StandardMetadata.set(c.f, std.instanceType(), StandardMetadata.INGRESS_CLONE);
      toCloneReplica(c, r, s);
    }
  }

  /** An egress clone: the headers as egress left them, with reset metadata. */
  private void cloneEgress(Phv p) {
    CloneSession s = pre.session(p.cloneSession);
    if (s == null || passes >= MAX_PASSES) {
      return;
    }
    passes++;
    for (Replica r : s.replicas()) {
      Phv c = phvs.copyOf(p);
      resetMetadata(c);
      copyFieldList(p, c, p.cloneFieldList);
      StandardMetadata.set(c.f, std.instanceType(), StandardMetadata.EGRESS_CLONE);
      toCloneReplica(c, r, s);
    }
  }

  private void toCloneReplica(Phv c, Replica r, CloneSession s) {
    StandardMetadata.set(c.f, std.egressRid(), r.instance());
    int mark = out.size();
    egress(c, r.egressPort());
    if (s.truncateLength() > 0) {
      for (int i = mark; i < out.size(); i++) {
        OutputPacket o = out.get(i);
        if (o.bytes().length > s.truncateLength()) {
          out.set(i, new OutputPacket(o.port(), Arrays.copyOf(o.bytes(), s.truncateLength())));
        }
      }
    }
    phvs.release(c);
  }

  /** Clears {@code p} for a new pass over {@code bytes}; metadata headers are always valid. */
  private void fresh(Phv p, byte[] bytes) {
    p.reset();
    for (int h : metadataHeaders) {
      p.valid[h] = true;
    }
    p.packet = bytes;
    p.length = bytes.length;
  }

  private void copyFieldList(Phv from, Phv to, int id) {
    Program.FieldList list = program.fieldLists.get(id);
    if (list == null) {
      return;
    }
    for (FieldInfo fi : list.fields()) {
      System.arraycopy(from.f, fi.slot(), to.f, fi.slot(), fi.words());
    }
  }

  private void resetMetadata(Phv p) {
    for (int h : metadataHeaders) {
      HeaderInfo info = program.layout.headers().get(h);
      Arrays.fill(p.f, info.firstSlot(), info.firstSlot() + info.slotCount(), 0L);
    }
  }

  private void digest(Phv p) {
    Program.LearnList list = program.learnLists.get(p.learnList);
    List<byte[]> values = new ArrayList<>(list.fields().size());
    for (FieldInfo fi : list.fields()) {
      byte[] v = new byte[(fi.width() + 7) >>> 3];
      Bits.wordsToBytes(p.f, fi.slot(), fi.width(), v, 0);
      values.add(v);
    }
    try {
      config.digests().accept(new Digest(list.id(), list.name(), values));
    } catch (RuntimeException e) {
      LOG.warn("digest sink failed on list '{}': {}", list.name(), e.toString());
    }
  }

  private void dropOnFault(String stage, Throwable e) {
    if (e instanceof PacketFault) {
      LOG.debug("packet dropped in {}: {}", stage, e.getMessage());
    } else {
      LOG.warn("packet dropped in {} by an internal error", stage, e);
    }
  }
}
