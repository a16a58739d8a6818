package net.vdn.controller.rest;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.security.SecurityOptions;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the API and the portal: one TLS connector (TLS 1.2 and 1.3 only) and no plain one, from
 * a PEM certificate chain and PKCS#8 key or a PKCS#12 key store; with a client CA, mutual TLS.
 */
final class Https {
  private Https() {}

  static void configure(JavalinConfig config, String host, int port, SecurityOptions.Tls tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore(tls));
    ssl.setKeyStorePassword(password(tls));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    // The certificate names the host it was made for; SNI checks would refuse a client using an IP.
    ssl.setSniRequired(false);
    if (tls.clientCa() != null) {
      ssl.setTrustStore(trustStore(tls.clientCa()));
      ssl.setNeedClientAuth(true);
    }
    config.jetty.addConnector(
        (server, http) -> {
          HttpConfiguration secure = new HttpConfiguration(http);
          SecureRequestCustomizer customizer = new SecureRequestCustomizer();
          customizer.setSniHostCheck(false);
          secure.addCustomizer(customizer);
          ServerConnector c =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(ssl, "http/1.1"),
                  new HttpConnectionFactory(secure));
          c.setHost(host);
          c.setPort(port);
          return c;
        });
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
      Collection<? extends Certificate> chain = certificates(tls.certificate());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "vdn",
          privateKey(tls.key()),
          password(tls).toCharArray(),
          chain.toArray(Certificate[]::new));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "tls", "cannot load the API's certificate and key: " + e.getMessage());
    }
  }

  private static KeyStore trustStore(Path ca) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certificates(ca)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("tls.clientCa", "cannot load " + ca + ": " + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in " + pem);
      }
      return certs;
    }
  }

  /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}): RSA, EC or Ed25519. */
  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException(
          pem + " holds no PKCS#8 key (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8");
    }
    byte[] der =
        Base64.getMimeDecoder().decode(text.substring(begin + 27, end).replaceAll("\\s", ""));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Not this kind of key: the next.
      }
    }
    throw new GeneralSecurityException(pem + ": not an RSA, EC or Ed25519 key");
  }
}
