package net.vdn.controller.tls;

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

/** PEM certificates and PKCS#8 keys read into the JDK's key stores (the API's and the peers'). */
public final class Pem {
  private Pem() {}

  /** Every certificate in a PEM file; none is an error. */
  public static List<X509Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
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

  /** A PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}): RSA, EC or Ed25519. */
  public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
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

  /** A PKCS#12 key store holding one key and its chain under {@code password}. */
  public static KeyStore keyStore(Path certificate, Path key, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "vdn", privateKey(key), password, certificates(certificate).toArray(Certificate[]::new));
    return ks;
  }

  /** A trust store of every certificate in these PEM files. */
  public static KeyStore trustStore(List<Path> pems) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (Path pem : pems) {
      for (X509Certificate c : certificates(pem)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    return ks;
  }
}
