package net.vdn.optical.netconf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads SSH keys from the files operators keep them in (OpenSSH formats). */
public final class SshKeys {
  private SshKeys() {}

  /** A public key from a one-line OpenSSH file ({@code ssh-ed25519 AAAA... comment}). */
  public static PublicKey readPublicKey(Path file) throws IOException {
    String line = Files.readString(file).trim();
    try {
      return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException("no SSH public key in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The first key pair of an unencrypted private key file (OpenSSH or PEM). */
  public static KeyPair readKeyPair(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, file::toString, in, null);
      Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
      if (it == null || !it.hasNext()) {
        throw new IOException("no key pair in " + file);
      }
      return it.next();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key pair in " + file + ": " + e.getMessage(), e);
    }
  }
}
