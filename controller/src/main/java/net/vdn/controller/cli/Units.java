package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How vdnctl shows numbers to people: rates with a unit, shares in percent. */
final class Units {
  private Units() {}

  /** A field's value as a table shows it: by its name, rates ({@code ...Bps}) and shares. */
  static String show(String field, JsonNode v) {
    if (v == null || v.isNull()) {
      return "-";
    }
    if (v.isContainerNode()) {
      return v.toString();
    }
    if (field.endsWith("Bps") && v.isIntegralNumber()) {
      return bps(v.asLong());
    }
    if (field.equals("utilization") && v.isNumber()) {
      return percent(v.asDouble());
    }
    return v.asText();
  }

  /**
   * A column's title: a rate field without its unit, which its values carry ({@code cirBps}: cir).
   */
  static String header(String field) {
    return field.endsWith("Bps") && field.length() > 3
        ? field.substring(0, field.length() - 3)
        : field;
  }

  /** 100000000000 is "100G", 20000000 is "20M", 1500000 is "1.5M", 999 is "999". */
  static String bps(long bps) {
    String[] units = {"", "k", "M", "G", "T"};
    double v = bps;
    int u = 0;
    while (Math.abs(v) >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    String number = String.format(Locale.ROOT, "%.1f", v);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return number + units[u];
  }

  /** 0.048 is "4.8%", 4.8e-9 is "0.0%". */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
