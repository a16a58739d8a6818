package net.vdn.optical.netconf.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import net.vdn.optical.netconf.NetconfClientOptions;
import net.vdn.optical.netconf.NetconfTransport;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.session.ClientSession;

/** The netconf subsystem of an SSH session (RFC 6242), on Apache MINA SSHD. */
public final class SshTransport implements NetconfTransport {
  private final NetconfClientOptions options;
  private final ClientSession session;
  private ChannelSubsystem channel;
  private OutputStream toServer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SshTransport(NetconfClientOptions options, ClientSession session) {
    this.options = options;
    this.session = session;
  }

  /** Connects and authenticates; the subsystem opens in {@link #start}. */
  public static SshTransport connect(SshClient client, NetconfClientOptions o) throws IOException {
    long ms = o.connectTimeout().toMillis();
    ClientSession session =
        client.connect(o.username(), o.host(), o.port()).verify(ms).getClientSession();
    try {
      session.setServerKeyVerifier(
          (s, address, key) -> o.acceptAnyHostKey() || sameKey(o.hostKey(), key));
      if (o.password() != null) {
        session.addPasswordIdentity(o.password());
      }
      if (o.keyPair() != null) {
        session.addPublicKeyIdentity(o.keyPair());
      }
      session.auth().verify(ms);
      return new SshTransport(o, session);
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private static boolean sameKey(PublicKey expected, PublicKey shown) {
    return expected != null
        && expected.getAlgorithm().equals(shown.getAlgorithm())
        && Arrays.equals(expected.getEncoded(), shown.getEncoded());
  }

  @Override
  public void start(Receiver receiver) throws IOException {
    channel = session.createSubsystemChannel("netconf");
    channel.setOut(
        new OutputStream() {
          @Override
          public void write(int b) {
            receiver.received(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            receiver.received(b, off, len);
          }
        });
    channel.setErr(OutputStream.nullOutputStream());
    channel.addCloseFutureListener(f -> receiver.closed(null));
    session.addCloseFutureListener(f -> receiver.closed(null));
    channel.open().verify(options.connectTimeout().toMillis());
    toServer = channel.getInvertedIn();
  }

  @Override
  public void send(byte[] data) throws IOException {
    toServer.write(data);
    toServer.flush();
  }

  @Override
  public String describe() {
    return options.describe();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (channel != null) {
        channel.close(false);
      }
      session.close(false);
    }
  }
}
