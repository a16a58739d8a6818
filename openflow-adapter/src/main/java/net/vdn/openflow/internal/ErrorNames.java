package net.vdn.openflow.internal;

import java.util.function.Function;
import net.vdn.openflow.OpenFlowError;
import org.projectfloodlight.openflow.protocol.ver13.OFBadActionCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFBadInstructionCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFBadMatchCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFBadRequestCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFErrorTypeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFFlowModFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFGroupModFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFHelloFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFMeterModFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFPortModFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFQueueOpFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFRoleRequestFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFSwitchConfigFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFTableFeaturesFailedCodeSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFTableModFailedCodeSerializerVer13;

/** Names of OpenFlow 1.3 error types and codes, from their wire values. */
final class ErrorNames {
  static final String UNKNOWN = "UNKNOWN";

  private ErrorNames() {}

  /** Decodes the error from its numbers; values the specification does not define get UNKNOWN. */
  static OpenFlowError decode(int type, int code, long xid) {
    return new OpenFlowError(type, typeName(type), code, codeName(type, code), xid);
  }

  static String typeName(int type) {
    return name(() -> OFErrorTypeSerializerVer13.ofWireValue((short) type).name());
  }

  static String codeName(int type, int code) {
    Function<Short, Enum<?>> codes =
        switch (type) {
          case 0 -> OFHelloFailedCodeSerializerVer13::ofWireValue;
          case 1 -> OFBadRequestCodeSerializerVer13::ofWireValue;
          case 2 -> OFBadActionCodeSerializerVer13::ofWireValue;
          case 3 -> OFBadInstructionCodeSerializerVer13::ofWireValue;
          case 4 -> OFBadMatchCodeSerializerVer13::ofWireValue;
          case 5 -> OFFlowModFailedCodeSerializerVer13::ofWireValue;
          case 6 -> OFGroupModFailedCodeSerializerVer13::ofWireValue;
          case 7 -> OFPortModFailedCodeSerializerVer13::ofWireValue;
          case 8 -> OFTableModFailedCodeSerializerVer13::ofWireValue;
          case 9 -> OFQueueOpFailedCodeSerializerVer13::ofWireValue;
          case 10 -> OFSwitchConfigFailedCodeSerializerVer13::ofWireValue;
          case 11 -> OFRoleRequestFailedCodeSerializerVer13::ofWireValue;
          case 12 -> OFMeterModFailedCodeSerializerVer13::ofWireValue;
          case 13 -> OFTableFeaturesFailedCodeSerializerVer13::ofWireValue;
          default -> null;
        };
    if (codes == null) {
      return type == 0xffff ? "EXPERIMENTER" : UNKNOWN;
    }
    return name(() -> codes.apply((short) code).name());
  }

  private static String name(java.util.function.Supplier<String> lookup) {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
