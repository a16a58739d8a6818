package net.vdn.controller.federation.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.tls.Pem;

/** PEM certificates and keys for the peering API: key stores, trust stores, client contexts. */
final class PeerTls {
  private PeerTls() {}

  /** A key store holding one key and its chain, with an empty password. */
  static KeyStore keyStore(Path certificate, Path key) {
    try {
      return Pem.keyStore(certificate, key, new char[0]);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "federation", "cannot load " + certificate + " and " + key + ": " + e.getMessage());
    }
  }

  /** A trust store of every certificate in these PEM files. */
  static KeyStore trustStore(List<Path> cas) {
    try {
      return Pem.trustStore(cas);
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("federation.peerings", "cannot load a peer CA: " + e.getMessage());
    }
  }

  /** What a domain uses to call one peer: its client certificate, and that peer's CA only. */
  static SSLContext client(Path certificate, Path key, Path peerCa) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(certificate, key), new char[0]);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(List.of(peerCa)));
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("federation.peerings", "TLS: " + e.getMessage());
    }
  }

  /**
   * Whether {@code cert} is signed by a certificate in {@code caPem} (the CA pinned for a peer).
   */
  static boolean signedBy(X509Certificate cert, Path caPem) {
    try {
      for (X509Certificate ca : Pem.certificates(caPem)) {
        try {
          cert.verify(ca.getPublicKey());
          cert.checkValidity();
          return true;
        } catch (GeneralSecurityException e) {
          // Not this one.
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
    return false;
  }
}
