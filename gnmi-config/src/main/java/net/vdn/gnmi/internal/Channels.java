package net.vdn.gnmi.internal;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import net.vdn.gnmi.GnmiException;
import net.vdn.gnmi.GnmiOptions;

/**
 * The channel to a gNMI target: plaintext or TLS (with a client certificate when given), the
 * inbound message limit, and the {@code username}/{@code password} headers on every RPC.
 */
public final class Channels {
  private static final Metadata.Key<String> USERNAME =
      Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> PASSWORD =
      Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER);

  private Channels() {}

  public static ManagedChannel open(GnmiOptions options) {
    var builder =
        Grpc.newChannelBuilder(options.target(), credentials(options))
            .maxInboundMessageSize(options.maxInboundMessageBytes());
    if (options.serverName() != null) {
      builder.overrideAuthority(options.serverName());
    }
    if (options.username() != null) {
      builder.intercept(new CredentialsInterceptor(options.username(), options.password()));
    }
    return builder.build();
  }

  private static ChannelCredentials credentials(GnmiOptions o) {
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
      throw new GnmiException(
          "device " + o.name() + ": cannot read TLS certificates: " + e.getMessage(), e);
    }
  }

  /** Adds the {@code username} and {@code password} headers gNMI targets authenticate with. */
  private record CredentialsInterceptor(String username, String password)
      implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(
          next.newCall(method, callOptions)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          headers.put(USERNAME, username);
          if (password != null) {
            headers.put(PASSWORD, password);
          }
          super.start(listener, headers);
        }
      };
    }
  }
}
