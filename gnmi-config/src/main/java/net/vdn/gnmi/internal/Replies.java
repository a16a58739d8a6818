package net.vdn.gnmi.internal;

import java.util.ArrayList;
import java.util.List;
import net.vdn.gnmi.Capabilities;
import net.vdn.gnmi.Encoding;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.SetResult;
import net.vdn.gnmi.proto.CapabilityResponse;
import net.vdn.gnmi.proto.SetResponse;
import net.vdn.gnmi.wire.Wire;

/** The target's answers to Capabilities and Set as the client's values. */
public final class Replies {
  private Replies() {}

  public static Capabilities capabilities(CapabilityResponse r) {
    List<Capabilities.Model> models = new ArrayList<>();
    for (var m : r.getSupportedModelsList()) {
      models.add(new Capabilities.Model(m.getName(), m.getOrganization(), m.getVersion()));
    }
    List<Encoding> encodings = new ArrayList<>();
    for (var e : r.getSupportedEncodingsList()) {
      if (e != net.vdn.gnmi.proto.Encoding.UNRECOGNIZED) {
        encodings.add(Encoding.valueOf(e.name()));
      }
    }
    return new Capabilities(r.getGNMIVersion(), models, encodings);
  }

  /** The operations applied, with the response's prefix joined into each path. */
  public static SetResult setResult(SetResponse r) {
    GnmiPath prefix = Wire.path(r.getPrefix());
    List<SetResult.Operation> results = new ArrayList<>();
    for (var u : r.getResponseList()) {
      SetResult.Op op =
          u.getOp() == net.vdn.gnmi.proto.UpdateResult.Operation.UNRECOGNIZED
              ? SetResult.Op.INVALID
              : SetResult.Op.valueOf(u.getOp().name());
      results.add(new SetResult.Operation(op, prefix.append(Wire.path(u.getPath()))));
    }
    return new SetResult(r.getTimestamp(), results);
  }
}
