package net.vdn.gnmi;

import java.util.List;

/**
 * What a target reported it supports.
 *
 * @param gnmiVersion the gNMI version the target implements, for example "0.10.0"
 */
public record Capabilities(String gnmiVersion, List<Model> models, List<Encoding> encodings) {
  public Capabilities {
    models = List.copyOf(models);
    encodings = List.copyOf(encodings);
  }

  /** A schema model: name, publisher and version. */
  public record Model(String name, String organization, String version) {}

  public boolean supports(Encoding encoding) {
    return encodings.contains(encoding);
  }
}
