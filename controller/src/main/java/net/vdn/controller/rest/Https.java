package net.vdn.controller.rest;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.tls.JettyTls;
import net.vdn.controller.tls.Pem;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the API and the portal: one TLS connector (TLS 1.2 and 1.3 only) and no plain one, from
 * a PEM certificate chain and PKCS#8 key or a PKCS#12 key store; with a client CA, mutual TLS.
 */
final class Https {
  private Https() {}

  static void configure(JavalinConfig config, String host, int port, SecurityOptions.Tls tls) {
    SslContextFactory.Server ssl = JettyTls.server(keyStore(tls), password(tls));
    if (tls.clientCa() != null) {
      ssl.setTrustStore(trustStore(tls.clientCa()));
      ssl.setNeedClientAuth(true);
    }
    JettyTls.listen(config, ssl, host, port);
  }

  private static String password(SecurityOptions.Tls tls) {
    return tls.keyStorePassword() == null ? "" : tls.keyStorePassword();
  }

  private static KeyStore keyStore(SecurityOptions.Tls tls) {
    try {
      if (tls.keyStore() != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
          ks.load(in, password(tls).toCharArray());
        }
        return ks;
      }
      return Pem.keyStore(tls.certificate(), tls.key(), password(tls).toCharArray());
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "tls", "cannot load the API's certificate and key: " + e.getMessage());
    }
  }

  private static KeyStore trustStore(Path ca) {
    try {
      return Pem.trustStore(List.of(ca));
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("tls.clientCa", "cannot load " + ca + ": " + e.getMessage());
    }
  }
}
