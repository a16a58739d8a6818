package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options that describe a slice, for {@code vdnctl slice create} and {@code modify}. */
final class SliceOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--tenant",
      description = "The tenant the slice is for (operators; a tenant's own slices are its own).")
  String tenant;

  @Option(names = "--id", required = true, description = "Slice id (its VLAN), 1..4094.")
  int id;

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "DEVICE:PORT[,PREFIX][@MAC]",
      description = "An edge port of the slice; repeat for each (at least two).")
  List<String> endpoints;

  @Option(names = "--cir", required = true, description = "Committed rate (e.g. 10M).")
  String cir;

  @Option(names = "--pir", description = "Peak rate (default: the CIR).")
  String pir;

  @Option(names = "--tc", description = "Traffic class 0..7.")
  int trafficClass;

  @Option(
      names = "--wavelength",
      paramLabel = "SITE_A,SITE_B[,FREQUENCY_MHZ]",
      description = "A dedicated optical channel between two sites.")
  String wavelength;

  ObjectNode body(String name) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    if (tenant != null) {
      o.put("tenant", tenant);
    }
    o.put("sliceId", id);
    ArrayNode eps = o.putArray("endpoints");
    for (String e : endpoints) {
      eps.add(endpoint(e));
    }
    o.put("cirBps", Vdnctl.rate(cir));
    o.put("pirBps", Vdnctl.rate(pir == null ? cir : pir));
    o.put("trafficClass", trafficClass);
    if (wavelength != null) {
      String[] w = wavelength.split(",");
      if (w.length < 2 || w.length > 3) {
        throw new CommandLine.TypeConversionException(
            "--wavelength takes SITE_A,SITE_B[,FREQUENCY_MHZ], got " + wavelength);
      }
      ObjectNode wl = o.putObject("wavelength");
      wl.putArray("between").add(w[0]).add(w[1]);
      if (w.length == 3) {
        try {
          wl.put("frequencyMhz", Long.parseLong(w[2]));
        } catch (NumberFormatException e) {
          throw new CommandLine.TypeConversionException(
              "--wavelength: the frequency must be a number of MHz, got " + w[2]);
        }
      }
    }
    return o;
  }

  static ObjectNode endpoint(String text) {
    String rest = text;
    ObjectNode o = JSON.createObjectNode();
    int at = rest.indexOf('@');
    if (at >= 0) {
      o.put("hostMac", rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    int comma = rest.indexOf(',');
    if (comma >= 0) {
      o.put("srcPrefix", rest.substring(comma + 1));
      rest = rest.substring(0, comma);
    }
    int colon = rest.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandLine.TypeConversionException("endpoint '" + text + "' needs DEVICE:PORT");
    }
    o.put("device", rest.substring(0, colon));
    try {
      o.put("port", Integer.parseInt(rest.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "endpoint '" + text + "': the port must be a number");
    }
    return o;
  }
}
