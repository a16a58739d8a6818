package net.vdn.openflow;

/**
 * An OFPT_ERROR a switch sent: the numeric type and code as on the wire, their names in the
 * OpenFlow 1.3 specification (or "UNKNOWN" for values it does not define), and the xid of the
 * request it refused.
 */
public record OpenFlowError(int type, String typeName, int code, String codeName, long xid) {
  @Override
  public String toString() {
    return typeName + "/" + codeName + " (type " + type + ", code " + code + ", xid " + xid + ")";
  }
}
