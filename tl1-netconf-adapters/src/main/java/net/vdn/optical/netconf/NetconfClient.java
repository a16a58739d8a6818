package net.vdn.optical.netconf;

import java.io.IOException;
import net.vdn.optical.netconf.internal.SshTransport;
import org.apache.sshd.client.SshClient;

/**
 * Opens NETCONF sessions over SSH. One client (its SSH threads) serves any number of sessions;
 * closing it closes them all.
 *
 * <pre>{@code
 * try (var client = NetconfClient.start();
 *     var session = client.connect(options)) {
 *   Element running = session.getConfig(Datastore.RUNNING, null);
 * }
 * }</pre>
 */
public final class NetconfClient implements AutoCloseable {
  private final SshClient ssh;

  private NetconfClient(SshClient ssh) {
    this.ssh = ssh;
  }

  /** Starts the SSH client's threads. */
  public static NetconfClient start() {
    SshClient ssh = SshClient.setUpDefaultClient();
    ssh.start();
    return new NetconfClient(ssh);
  }

  /** Connects, authenticates, opens the netconf subsystem and exchanges hellos. */
  public NetconfSession connect(NetconfClientOptions options) throws NetconfException {
    SshTransport transport;
    try {
      transport = SshTransport.connect(ssh, options);
    } catch (IOException | RuntimeException e) {
      throw new NetconfSessionClosedException(
          options.describe() + ": cannot connect: " + e.getMessage(), e);
    }
    return NetconfSession.open(transport, options);
  }

  @Override
  public void close() {
    try {
      ssh.stop();
    } catch (RuntimeException e) {
      // Stopping is best effort: its sessions are closed either way.
    }
  }
}
