package net.vdn.controller.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where {@code vdnctl login} keeps the token: {@code $VDN_TOKEN_FILE}, else {@code
 * ~/.config/vdn/token}, readable and writable by its owner only (created so, never widened), and
 * refused when someone else could read it.
 */
final class TokenFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private TokenFile() {}

  static Path path() {
    String env = System.getenv("VDN_TOKEN_FILE");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".config", "vdn", "token");
  }

  static Optional<String> read() {
    return read(path());
  }

  static Optional<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (posix()) {
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(p)) {
          throw new Vdnctl.ApiError(
              file
                  + " can be read by others ("
                  + PosixFilePermissions.toString(p)
                  + "); chmod 600 it or log in again");
        }
      }
      String t = Files.readString(file, StandardCharsets.UTF_8).trim();
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    } catch (IOException e) {
      throw new Vdnctl.ApiError("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Writes the token, the file created owner-only before anything is in it. */
  static void write(Path file, String token) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (posix()) {
        if (!Files.exists(dir)) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createDirectories(dir);
      }
      Files.writeString(
          file,
          token + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new Vdnctl.ApiError("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** TLS that trusts the certificates in a PEM file (a CA, or the controller's self-signed one). */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new Vdnctl.ApiError("cannot use " + pem + " as a CA: " + e.getMessage());
    }
  }
}
