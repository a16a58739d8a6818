package net.vdn.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.security.SecurityOptions;

/**
 * The main job's self-signed HTTPS certificate, for localhost and 127.0.0.1: made with the JDK's
 * keytool at the first start (a PKCS#12 key store, its password in a file beside it, both readable
 * by their owner only), kept and reused after, and exported as PEM for clients to trust.
 *
 * @param keyStore the PKCS#12 key store
 * @param password its password
 * @param pem the certificate as PEM, for {@code vdnctl --ca} or {@code curl --cacert}
 * @param sha256 the certificate's SHA-256 fingerprint (colon-separated hex)
 * @param created whether this start made it
 */
record SelfSignedCertificate(
    Path keyStore, String password, Path pem, String sha256, boolean created) {
  private static final String ALIAS = "vdn";

  /** The TLS section that serves the API with it. */
  SecurityOptions.Tls tls() {
    return new SecurityOptions.Tls(null, null, keyStore, password, null);
  }

  /** Loads the certificate kept in {@code keyStore}, or makes it when there is none. */
  static SelfSignedCertificate ensure(Path keyStore) throws IOException, InterruptedException {
    Path passwordFile = keyStore.resolveSibling(keyStore.getFileName() + ".password");
    boolean created = false;
    if (!Files.exists(keyStore)) {
      byte[] secret = new byte[24];
      new SecureRandom().nextBytes(secret);
      ownerOnly(passwordFile);
      Files.writeString(passwordFile, Base64.getUrlEncoder().encodeToString(secret));
      keytool(keyStore, Files.readString(passwordFile));
      ownerOnly(keyStore);
      created = true;
    }
    String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
    Certificate cert;
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
      cert = ks.getCertificate(ALIAS);
      if (cert == null) {
        throw new IOException(keyStore + " holds no certificate named " + ALIAS);
      }
      Path pem =
          keyStore.resolveSibling(
              keyStore.getFileName().toString().replaceAll("\\.p12$", "") + ".pem");
      Files.writeString(
          pem,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(cert.getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      String sha256 =
          HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
      return new SelfSignedCertificate(keyStore, password, pem, sha256, created);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read " + keyStore + ": " + e.getMessage(), e);
    }
  }

  private static void keytool(Path keyStore, String password)
      throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IOException(
          "no keytool in "
              + keytool.getParent()
              + " (a JDK has one): give the controller a certificate in a config's tls section");
    }
    ProcessBuilder p =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-validity",
                    "825",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass:env",
                    "VDN_KEYSTORE_PASSWORD"))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    p.environment().put("VDN_KEYSTORE_PASSWORD", password);
    Process run = p.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0 || !Files.exists(keyStore)) {
      run.destroyForcibly();
      throw new IOException("keytool could not make " + keyStore + ": " + output.trim());
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Creates the file empty and readable and writable by its owner only (where POSIX is). */
  private static void ownerOnly(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
