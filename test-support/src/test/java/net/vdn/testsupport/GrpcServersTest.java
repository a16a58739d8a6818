package net.vdn.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcServersTest {
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
            throw new java.io.UncheckedIOException(e);
          }
        }
      };

  @Test
  void returnsOnceTheServerAnswersTheMethod(@TempDir Path dir) throws Exception {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("vdn.test.Probe/Ping")
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(RAW)
            .build();
    Server server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                ServerServiceDefinition.builder("vdn.test.Probe")
                    .addMethod(
                        method,
                        ServerCalls.asyncUnaryCall(
                            (request, response) -> {
                              response.onNext(new byte[0]);
                              response.onCompleted();
                            }))
                    .build())
            .build()
            .start();
    Process stand = Programs.start(dir.resolve("log"), "sleep", "60");
    try {
      GrpcServers.await(
          "127.0.0.1:" + server.getPort(), "vdn.test.Probe/Ping", stand, dir.resolve("log"));
    } finally {
      Programs.stop(stand);
      server.shutdownNow();
    }
  }

  @Test
  void failsWithTheLogWhenTheServerExits(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    Process p = Programs.start(log, "sh", "-c", "echo no program loaded; exit 3");
    p.waitFor();
    assertThatThrownBy(
            () -> GrpcServers.await("127.0.0.1:" + FreePorts.tcp(), "vdn.test.Probe/Ping", p, log))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("no program loaded");
  }
}
