package net.vdn.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import net.vdn.p4runtime.proto.v1.DigestList;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.P4Data;
import net.vdn.p4runtime.proto.v1.P4StructLike;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport-level behaviour of the client: TLS, message limits, events, release on close. */
class ConnectionTest {
  @Test
  @RequiresBinary(value = "openssl", howToGet = "install openssl to make test certificates")
  void connectsOverMutualTls(@TempDir Path dir) throws Exception {
    TestCertificates certs = TestCertificates.make(dir);
    var creds =
        TlsServerCredentials.newBuilder()
            .keyManager(certs.serverCert().toFile(), certs.serverKey().toFile())
            .trustManager(certs.ca().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
            .build();
    try (FakeTarget fake = new FakeTarget(creds)) {
      String target = "localhost:" + fake.port();
      try (var c =
          P4RuntimeClient.connect(
              ClientOptions.builder(target)
                  .tls(certs.ca())
                  .clientCertificate(certs.clientCert(), certs.clientKey())
                  .build())) {
        assertThat(c.awaitPrimary(Duration.ofSeconds(5))).isTrue();
        assertThat(c.apiVersion()).isEqualTo("1.5.0");
      }
      assertThatThrownBy(
              () ->
                  P4RuntimeClient.connect(
                      ClientOptions.builder(target).rpcTimeout(Duration.ofSeconds(3)).build()))
          .isInstanceOf(TargetException.class)
          .hasMessageContaining("Capabilities failed");
      assertThatThrownBy(
              () ->
                  P4RuntimeClient.connect(
                      ClientOptions.builder(target)
                          .tls(certs.ca())
                          .rpcTimeout(Duration.ofSeconds(3))
                          .build()))
          .as("a server that requires a client certificate refuses a client without one")
          .isInstanceOf(TargetException.class);
    }
  }

  @Test
  void unreachableTargetFailsWithUnavailable() {
    assertThatThrownBy(
            () ->
                P4RuntimeClient.connect(
                    ClientOptions.builder("127.0.0.1:1").rpcTimeout(Duration.ofSeconds(3)).build()))
        .isInstanceOf(TargetException.class)
        .satisfies(
            e ->
                assertThat(((TargetException) e).code())
                    .isEqualTo(io.grpc.Status.Code.UNAVAILABLE));
  }

  @Test
  void refusesLimitsBelowTheMinimum() {
    assertThatThrownBy(() -> ClientOptions.builder("x:1").maxInboundMessageBytes(4 << 20).build())
        .hasMessageContaining("64 MiB");
    assertThatThrownBy(() -> ClientOptions.builder("x:1").maxInboundMetadataBytes(8192).build())
        .hasMessageContaining("1 MiB");
  }

  @Test
  void receivesPipelinesLargerThanGrpcsDefaultLimit() throws Exception {
    try (FakeTarget fake = new FakeTarget();
        var c = P4RuntimeClient.connect(ClientOptions.builder(fake.target()).build())) {
      byte[] big = new byte[40 << 20];
      big[big.length - 1] = 7;
      fake.holdPipeline(
          ForwardingPipelineConfig.newBuilder()
              .setP4DeviceConfig(ByteString.copyFrom(big))
              .setCookie(ForwardingPipelineConfig.Cookie.newBuilder().setCookie(9))
              .build());
      PipelineState state = c.getPipeline(P4RuntimeClient.PipelineParts.ALL);
      assertThat(state.deviceConfig()).hasSize(big.length);
      assertThat(state.deviceConfig()[big.length - 1]).isEqualTo((byte) 7);
    }
  }

  @Test
  void digestsAreDecodedByMemberName() throws Exception {
    try (FakeTarget fake = new FakeTarget();
        var c = P4RuntimeClient.connect(ClientOptions.builder(fake.target()).build())) {
      var p4info =
          Fixtures.unitP4Info().p4info().toBuilder()
              .addDigests(
                  net.vdn.p4runtime.proto.config.v1.Digest.newBuilder()
                      .setPreamble(
                          net.vdn.p4runtime.proto.config.v1.Preamble.newBuilder()
                              .setId(385000001)
                              .setName("learn_t"))
                      .setTypeSpec(
                          net.vdn.p4runtime.proto.config.v1.P4DataTypeSpec.newBuilder()
                              .setStruct(
                                  net.vdn.p4runtime.proto.config.v1.P4NamedType.newBuilder()
                                      .setName("learn_t"))))
              .setTypeInfo(
                  net.vdn.p4runtime.proto.config.v1.P4TypeInfo.newBuilder()
                      .putStructs(
                          "learn_t",
                          net.vdn.p4runtime.proto.config.v1.P4StructTypeSpec.newBuilder()
                              .addMembers(
                                  net.vdn.p4runtime.proto.config.v1.P4StructTypeSpec.Member
                                      .newBuilder()
                                      .setName("src_addr"))
                              .addMembers(
                                  net.vdn.p4runtime.proto.config.v1.P4StructTypeSpec.Member
                                      .newBuilder()
                                      .setName("ingress_port"))
                              .build()))
              .build();
      c.useP4Info(net.vdn.p4runtime.info.P4InfoIndex.of(p4info));
      fake.broadcast(
          StreamMessageResponse.newBuilder()
              .setDigest(
                  DigestList.newBuilder()
                      .setDigestId(385000001)
                      .setListId(77)
                      .addData(
                          P4Data.newBuilder()
                              .setStruct(
                                  P4StructLike.newBuilder()
                                      .addMembers(
                                          P4Data.newBuilder()
                                              .setBitstring(
                                                  ByteString.copyFrom(
                                                      new byte[] {0, 0, 0, 0, 0, 9})))
                                      .addMembers(
                                          P4Data.newBuilder()
                                              .setBitstring(ByteString.copyFrom(new byte[] {3}))))))
              .build());
      DigestMessage d = c.digests().poll(Duration.ofSeconds(5));
      assertThat(d.digest()).isEqualTo("learn_t");
      assertThat(d.items())
          .containsExactly(java.util.Map.of("src_addr", Value.of(9), "ingress_port", Value.of(3)));
      c.ackDigest(d);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (fake.streamMessages.stream().noneMatch(m -> m.hasDigestAck())
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(
              fake.streamMessages.stream()
                  .filter(m -> m.hasDigestAck())
                  .findFirst()
                  .orElseThrow()
                  .getDigestAck()
                  .getListId())
          .isEqualTo(77);
    }
  }

  @Test
  void closeStopsEveryThreadTheClientStarted() throws Exception {
    try (FakeTarget fake = new FakeTarget()) {
      Set<String> before = clientThreads();
      var c = P4RuntimeClient.connect(ClientOptions.builder(fake.target()).build());
      c.packetIns().subscribe(p -> {});
      c.onMastership(e -> {});
      c.close();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!clientThreads().equals(before) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(clientThreads()).isEqualTo(before);
    }
  }

  private static Set<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("p4rt-"))
        .collect(Collectors.toSet());
  }
}
