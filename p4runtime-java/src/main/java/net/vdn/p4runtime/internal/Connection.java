package net.vdn.p4runtime.internal;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.v1.CapabilitiesRequest;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;

/**
 * What every part of a client shares: the channel to one target, the P4Runtime version it reported,
 * the P4Info names are resolved against, and the wording of errors that name the device.
 */
public final class Connection {
  private final ClientOptions options;
  private final ManagedChannel channel;
  private final String apiVersion;
  private final P4RuntimeGrpc.P4RuntimeBlockingStub blocking;
  private volatile EntityCodec codec;

  private Connection(ClientOptions options, ManagedChannel channel, String apiVersion) {
    this.options = options;
    this.channel = channel;
    this.apiVersion = apiVersion;
    this.blocking = P4RuntimeGrpc.newBlockingStub(channel);
  }

  /**
   * Makes the channel and asks the target for its capabilities; nothing is left open on failure.
   */
  public static Connection open(ClientOptions options) {
    var builder =
        Grpc.newChannelBuilder(options.target(), credentials(options))
            .maxInboundMessageSize(options.maxInboundMessageBytes())
            .maxInboundMetadataSize(options.maxInboundMetadataBytes());
    if (options.serverName() != null) {
      builder.overrideAuthority(options.serverName());
    }
    ManagedChannel channel = builder.build();
    try {
      return new Connection(options, channel, capabilities(channel, options));
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw e;
    }
  }

  private static ChannelCredentials credentials(ClientOptions o) {
    if (!o.tls()) {
      return InsecureChannelCredentials.create();
    }
    try {
      var tls = TlsChannelCredentials.newBuilder().trustManager(o.trustCertificates().toFile());
      if (o.clientCertificate() != null) {
        tls.keyManager(o.clientCertificate().toFile(), o.clientKey().toFile());
      }
      return tls.build();
    } catch (IOException e) {
      throw new P4RuntimeException(
          "device " + o.name() + ": cannot read TLS certificates: " + e.getMessage(), e);
    }
  }

  private static String capabilities(ManagedChannel channel, ClientOptions o) {
    try {
      return P4RuntimeGrpc.newBlockingStub(channel)
          .withDeadlineAfter(o.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .capabilities(CapabilitiesRequest.newBuilder().setDeviceId(o.deviceId()).build())
          .getP4RuntimeApiVersion();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return "1.0.0";
      }
      throw targetError("Capabilities", o, e);
    }
  }

  public ClientOptions options() {
    return options;
  }

  /** The P4Runtime API version the target reported in its capabilities. */
  public String apiVersion() {
    return apiVersion;
  }

  ManagedChannel channel() {
    return channel;
  }

  /** How messages name the device: by the name given in the options. */
  String device() {
    return "device " + options.name();
  }

  /** The device and, unless its name already says it, where it is reached. */
  String deviceAt() {
    return options.name().startsWith(options.target())
        ? device()
        : device() + " at " + options.target();
  }

  /** Resolves names against this P4Info from now on. */
  public void useP4Info(P4InfoIndex index) {
    this.codec = new EntityCodec(index, legacyReplicaPorts(apiVersion));
  }

  /** The codec of the P4Info in force; fails when there is none yet. */
  public EntityCodec codec() {
    EntityCodec c = codec;
    if (c == null) {
      throw new P4RuntimeException(
          device() + ": no P4Info yet: push a pipeline, or call useP4Info or fetchP4Info");
    }
    return c;
  }

  /** The codec of the P4Info in force, or null. */
  EntityCodec codecOrNull() {
    return codec;
  }

  /** Targets before P4Runtime 1.4 take replica ports in the 32-bit egress_port field. */
  static boolean legacyReplicaPorts(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major < 1 || (major == 1 && minor < 4);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A stub whose next call has the options' deadline. */
  P4RuntimeGrpc.P4RuntimeBlockingStub blocking() {
    return blocking.withDeadlineAfter(options.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  P4RuntimeGrpc.P4RuntimeStub async() {
    return P4RuntimeGrpc.newStub(channel);
  }

  /** The exception for a failed RPC: refused for want of primary, or the target's error. */
  P4RuntimeException rpcError(String rpc, StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
      return new NotPrimaryException(
          device() + ": " + rpc + " refused: " + StreamSession.describe(e.getStatus()));
    }
    return targetError(rpc, options, e);
  }

  private static TargetException targetError(
      String rpc, ClientOptions o, StatusRuntimeException e) {
    String device =
        o.name().startsWith(o.target())
            ? "device " + o.name()
            : "device " + o.name() + " at " + o.target();
    return new TargetException(
        device + ": " + rpc + " failed: " + StreamSession.describe(e.getStatus()),
        e.getStatus().getCode(),
        e);
  }

  /** Closes the channel, waiting a moment for calls in flight. */
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
