package net.vdn.controller.provider.p4runtime;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.UpdateResult;
import net.vdn.p4runtime.WriteException;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.entity.Entity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch written to a device and recorded in its mirror, all or nothing, and idempotent: an
 * insert the device answers {@code ALREADY_EXISTS} for succeeds when the mirror does not hold that
 * key for anything else (a leftover of an earlier write whose outcome was not known, such as a
 * slice creation that failed while mastership moved): the entry is made what the batch asks for and
 * recorded. A delete answered {@code NOT_FOUND} succeeds too (the entry is gone as asked). On a
 * refusal what the batch changed is taken back; when the write itself fails (no answer, the
 * connection lost) its inserts are taken back as far as the device still answers. The caller holds
 * the mirror.
 */
final class MirroredWrite {
  private static final Logger log = LoggerFactory.getLogger(MirroredWrite.class);

  private final String device;
  private final P4RuntimeClient client;
  private final DeviceMirror mirror;

  MirroredWrite(String device, P4RuntimeClient client, DeviceMirror mirror) {
    this.device = device;
    this.client = client;
    this.mirror = mirror;
  }

  void write(List<Update> updates) {
    WriteResult r;
    try {
      r = client.write(updates, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
    } catch (TargetException e) {
      takeBackInserts(updates);
      throw e;
    }
    List<Update> done = new ArrayList<>();
    List<Update> adopt = new ArrayList<>();
    boolean refused = false;
    for (UpdateResult u : r.results()) {
      Update up = u.update();
      if (u.ok() || (u.code() == Status.Code.NOT_FOUND && up.type() == Update.Type.DELETE)) {
        done.add(up);
      } else if (u.code() == Status.Code.ALREADY_EXISTS && up.type() == Update.Type.INSERT) {
        Entity held = mirror.held(up.entity());
        if (held == null) {
          adopt.add(up);
        } else if (held.equals(mirror.canonical(up.entity()))) {
          done.add(up);
        } else {
          refused = true;
        }
      } else {
        refused = true;
      }
    }
    refused |= !adopt(adopt, done);
    mirror.apply(done);
    if (refused) {
      undo(done);
      throw new WriteException(r);
    }
  }

  /** Makes leftover entries what the inserts ask for; false when the device refuses one. */
  private boolean adopt(List<Update> inserts, List<Update> done) {
    if (inserts.isEmpty()) {
      return true;
    }
    List<Update> modifies = inserts.stream().map(u -> Update.modify(u.entity())).toList();
    WriteResult r = client.write(modifies, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
    boolean all = true;
    for (UpdateResult u : r.results()) {
      if (u.ok()) {
        done.add(inserts.get(u.index()));
      } else {
        all = false;
      }
    }
    log.info(
        "device {}: {} entries already there but not in its mirror adopted{}",
        device,
        inserts.size(),
        all ? "" : " (some refused: " + r.failures() + ")");
    return all;
  }

  /** Takes back updates that were applied, newest first. */
  private void undo(List<Update> done) {
    List<Update> back = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      Update u = done.get(i);
      if (u.type() == Update.Type.INSERT) {
        back.add(Update.delete(u.entity()));
      }
    }
    if (!back.isEmpty()) {
      WriteResult r = client.write(back, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
      List<Update> undone = new ArrayList<>();
      r.results().stream()
          .filter(x -> x.ok() || x.code() == Status.Code.NOT_FOUND)
          .forEach(x -> undone.add(x.update()));
      mirror.apply(undone);
    }
  }

  /**
   * A write without an answer may have landed: its inserts, which the mirror does not record, are
   * deleted again if the device answers (absent ones are fine); if it does not, the device is
   * brought to its mirror when it is next connected.
   */
  private void takeBackInserts(List<Update> updates) {
    List<Update> back = new ArrayList<>();
    for (int i = updates.size() - 1; i >= 0; i--) {
      Update u = updates.get(i);
      if (u.type() == Update.Type.INSERT && mirror.held(u.entity()) == null) {
        back.add(Update.delete(u.entity()));
      }
    }
    if (back.isEmpty()) {
      return;
    }
    try {
      client.write(back, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
    } catch (RuntimeException e) {
      log.debug("device {}: inserts of a failed write not taken back: {}", device, e.getMessage());
    }
  }
}
