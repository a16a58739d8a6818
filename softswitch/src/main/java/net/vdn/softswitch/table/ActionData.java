package net.vdn.softswitch.table;

import java.math.BigInteger;
import java.util.List;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.runtime.Bits;

/** Converts control-plane action parameters into the words an {@link ActionFn} reads. */
public final class ActionData {
  private ActionData() {}

  public static long[] encode(ActionFn fn, List<byte[]> params) {
    ParamLayout layout = fn.params();
    if (params.size() != layout.count()) {
      throw new EntryException(
          EntryException.Kind.INVALID,
          fn + " takes " + layout.count() + " parameters, got " + params.size());
    }
    long[] data = new long[layout.words()];
    for (int i = 0; i < params.size(); i++) {
      byte[] v = params.get(i);
      int width = layout.widths()[i];
      BigInteger n = new BigInteger(1, v == null ? new byte[0] : v);
      if (n.bitLength() > width) {
        throw new EntryException(
            EntryException.Kind.INVALID,
            "parameter '" + fn.paramName(i) + "' of " + fn + " does not fit in " + width + " bits");
      }
      Bits.fromBig(n, width, data, layout.slots()[i]);
    }
    return data;
  }
}
