package net.vdn.softswitch.p4rt;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for a softswitch's gRPC server (P4Runtime and gNMI), what BMv2's {@code --grpc-server-ssl}
 * options give: its certificate chain and key (PEM), and, for mutual TLS, the CA whose certificates
 * clients must present.
 *
 * @param certificate the server's PEM certificate chain
 * @param key the server's PEM private key (PKCS#8)
 * @param clientCa the PEM CA that signs client certificates; null: clients need none
 */
public record ServerTls(Path certificate, Path key, Path clientCa) {
  public ServerTls {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }

  /** Whether clients must present a certificate the client CA signed. */
  public boolean mutual() {
    return clientCa != null;
  }

  ServerCredentials credentials() throws IOException {
    var b = TlsServerCredentials.newBuilder().keyManager(certificate.toFile(), key.toFile());
    if (clientCa != null) {
      b.trustManager(clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return b.build();
  }
}
