package net.vdn.controller.provider.p4runtime;

import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.gnmi.GnmiOptions;
import net.vdn.p4runtime.ClientOptions;

/**
 * A device's {@code tls} section applied to its P4Runtime and gNMI clients, and a failed TLS
 * handshake said plainly (what failed, and what to check in the config).
 */
final class DeviceTls {
  private DeviceTls() {}

  static ClientOptions.Builder apply(ClientOptions.Builder b, DeviceConfig.Tls tls) {
    if (tls != null) {
      b.tls(tls.ca()).serverName(tls.serverName());
      if (tls.mutual()) {
        b.clientCertificate(tls.certificate(), tls.key());
      }
    }
    return b;
  }

  static GnmiOptions.Builder apply(GnmiOptions.Builder b, DeviceConfig.Tls tls) {
    if (tls != null) {
      b.tls(tls.ca()).serverName(tls.serverName());
      if (tls.mutual()) {
        b.clientCertificate(tls.certificate(), tls.key());
      }
    }
    return b;
  }

  /**
   * Why a connection failed, in words an operator can act on: a TLS handshake that failed says so,
   * with the deepest cause (a certificate path, a name that does not match) and what to check;
   * anything else keeps its own message.
   */
  static String reason(DeviceConfig c, RuntimeException e) {
    Throwable handshake = null;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        handshake = t;
      }
      root = t;
    }
    if (handshake != null) {
      String m = handshake.getMessage();
      String hint;
      if (c.tls() == null) {
        hint = "";
      } else if (!c.tls().mutual() && m.toUpperCase(Locale.ROOT).contains("CERTIFICATE_REQUIRED")) {
        hint = " (the device asks for a client certificate: give tls.certificate and tls.key)";
      } else {
        hint =
            " (check tls.ca"
                + (c.tls().mutual() ? ", tls.certificate, tls.key" : "")
                + " and tls.serverName against the device's certificates)";
      }
      return "TLS handshake with " + c.p4runtime() + " failed: " + m + hint;
    }
    String m = String.valueOf(root.getMessage());
    // A plaintext client gets its connection closed (or reset) by a server that speaks only TLS.
    if (c.tls() == null
        && String.valueOf(e.getMessage()).contains("UNAVAILABLE")
        && !m.contains("Connection refused")) {
      return e.getMessage()
          + " (a device that speaks only TLS closes plaintext connections: if this one does,"
          + " give it a tls section)";
    }
    return e.getMessage();
  }
}
