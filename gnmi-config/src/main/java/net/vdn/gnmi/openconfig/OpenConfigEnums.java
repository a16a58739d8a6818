package net.vdn.gnmi.openconfig;

import java.util.Arrays;
import net.vdn.gnmi.GnmiValueException;

/** Reads YANG enumerations and identities that may carry a module prefix. */
final class OpenConfigEnums {
  private OpenConfigEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String text, String module, String what) {
    String name = text;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      String prefix = text.substring(0, colon);
      if (module != null && !prefix.equals(module)) {
        throw new GnmiValueException(
            what + " '" + text + "' has module prefix '" + prefix + "', expected '" + module + "'");
      }
      name = text.substring(colon + 1);
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new GnmiValueException(
          "unknown "
              + what
              + " '"
              + text
              + "'; known: "
              + Arrays.toString(type.getEnumConstants()));
    }
  }
}
