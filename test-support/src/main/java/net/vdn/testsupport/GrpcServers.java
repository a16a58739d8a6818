package net.vdn.testsupport;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** gRPC servers that tests start as processes (BMv2, a softswitch in a namespace of its own). */
public final class GrpcServers {
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final byte[] EMPTY = new byte[0];

  /** Messages as their encoded bytes: an empty message is zero bytes in protobuf. */
  private static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private GrpcServers() {}

  /**
   * Waits until the server at {@code target} ({@code host:port} or {@code unix://path}) answers the
   * unary method {@code fullMethodName} (for example {@code "p4.v1.P4Runtime/Capabilities"}) called
   * with an empty request. Fails with the server's log when its process exits first or when it did
   * not answer within 20 seconds.
   */
  public static void await(String target, String fullMethodName, Process process, Path log)
      throws IOException, InterruptedException {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(RAW)
            .build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException(
              "the server for "
                  + target
                  + " exited with "
                  + process.exitValue()
                  + ": "
                  + Files.readString(log));
        }
        try {
          ClientCalls.blockingUnaryCall(
              channel, method, CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS), EMPTY);
          return;
        } catch (StatusRuntimeException e) {
          Thread.sleep(100);
        }
      }
      throw new IOException(
          "the server for "
              + target
              + " did not answer "
              + fullMethodName
              + " within "
              + STARTUP.toSeconds()
              + " s: "
              + Files.readString(log));
    } finally {
      channel.shutdownNow();
    }
  }

  /**
   * Waits until something accepts connections at a gRPC target ("host:port" or "unix:///path"),
   * trying every few milliseconds; fails when nothing did within the timeout.
   */
  public static void awaitListening(String target, Duration timeout)
      throws IOException, InterruptedException {
    java.net.SocketAddress address =
        target.startsWith("unix://")
            ? java.net.UnixDomainSocketAddress.of(target.substring("unix://".length()))
            : new java.net.InetSocketAddress(
                target.substring(0, target.lastIndexOf(':')),
                Integer.parseInt(target.substring(target.lastIndexOf(':') + 1)));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(address)) {
        return;
      } catch (IOException e) {
        Thread.sleep(2);
      }
    }
    throw new IOException("nothing listens on " + target + " after " + timeout);
  }
}
