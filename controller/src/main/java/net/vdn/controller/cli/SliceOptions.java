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

  @Option(
      names = "--id",
      description =
          "Slice id (its VLAN), 1..4094; required unless the endpoints name domains (then the"
              + " domains choose the VLAN).")
  Integer id;

  @Option(
      names = "--endpoint",
      required = true,
      paramLabel = "DEVICE:PORT[:VLAN][,PREFIX][@MAC] | DOMAIN:DEVICE:PORT[:VLAN]",
      description =
          "An edge port of the slice, or a port and a customer VLAN (translated to the slice's"
              + " VLAN inside the network); repeat for each (at least two). Naming a domain makes"
              + " an inter-domain slice.")
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
    ArrayNode eps = o.putArray("endpoints");
    boolean interDomain = false;
    for (String e : endpoints) {
      if (interDomain(e)) {
        eps.add(e);
        interDomain = true;
      } else {
        eps.add(endpoint(e));
      }
    }
    if (!interDomain) {
      if (id == null) {
        throw new CommandLine.TypeConversionException(
            "--id is required for a slice within this domain");
      }
      o.put("sliceId", id);
    }
    o.put("cirBps", Vdnctl.rate(cir));
    o.put("pirBps", Vdnctl.rate(pir == null ? cir : pir));
    o.put("trafficClass", trafficClass);
    if (interDomain) {
      return o;
    }
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
    // DEVICE:PORT or DEVICE:PORT:VLAN, where an OpenFlow device's name has a colon of its own.
    String device;
    String[] numbers;
    if (rest.startsWith("of:")) {
      int c = rest.indexOf(':', 3);
      if (c < 0) {
        throw new CommandLine.TypeConversionException("endpoint '" + text + "' needs DEVICE:PORT");
      }
      device = rest.substring(0, c);
      numbers = rest.substring(c + 1).split(":", -1);
    } else {
      int c = rest.indexOf(':');
      if (c <= 0) {
        throw new CommandLine.TypeConversionException("endpoint '" + text + "' needs DEVICE:PORT");
      }
      device = rest.substring(0, c);
      numbers = rest.substring(c + 1).split(":", -1);
    }
    if (numbers.length > 2) {
      throw new CommandLine.TypeConversionException(
          "endpoint '" + text + "' has too many parts: DEVICE:PORT[:VLAN]");
    }
    o.put("device", device);
    o.put("port", number(text, numbers[0], "the port"));
    if (numbers.length == 2) {
      o.put("vlan", number(text, numbers[1], "the VLAN"));
    }
    return o;
  }

  private static int number(String text, String value, String what) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "endpoint '" + text + "': " + what + " must be a number");
    }
  }

  /**
   * Whether an endpoint names a domain: DOMAIN:DEVICE:PORT[:VLAN], told from DEVICE:PORT:VLAN by
   * its second part, a device's name rather than a port number (OpenFlow devices, "of:DPID", are
   * always of this domain).
   */
  static boolean interDomain(String text) {
    if (text.indexOf('@') >= 0 || text.indexOf(',') >= 0 || text.startsWith("of:")) {
      return false;
    }
    String[] parts = text.split(":", -1);
    return parts.length == 4 || (parts.length == 3 && !parts[1].matches("\\d+"));
  }
}
