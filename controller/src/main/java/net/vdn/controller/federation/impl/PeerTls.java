package net.vdn.controller.federation.impl;

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
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import net.vdn.controller.error.ConfigException;

/** PEM certificates and keys for the peering API: key stores, trust stores, client contexts. */
final class PeerTls {
  private PeerTls() {}

  /** A key store holding one key and its chain, with an empty password. */
  static KeyStore keyStore(Path certificate, Path key) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "vdn",
          privateKey(key),
          new char[0],
          certificates(certificate).toArray(Certificate[]::new));
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "federation", "cannot load " + certificate + " and " + key + ": " + e.getMessage());
    }
  }

  /** A trust store of every certificate in these PEM files. */
  static KeyStore trustStore(List<Path> cas) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Path ca : cas) {
        for (X509Certificate c : certificates(ca)) {
          ks.setCertificateEntry("ca" + i++, c);
        }
      }
      return ks;
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
      for (X509Certificate ca : certificates(caPem)) {
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

  static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(c -> (X509Certificate) c)
              .toList();
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in " + pem);
      }
      return certs;
    }
  }

  /** A PKCS#8 PEM key: RSA, EC or Ed25519. */
  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException(pem + " holds no PKCS#8 key (BEGIN PRIVATE KEY)");
    }
    PKCS8EncodedKeySpec spec =
        new PKCS8EncodedKeySpec(
            Base64.getMimeDecoder().decode(text.substring(begin + 27, end).replaceAll("\\s", "")));
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
