package net.vdn.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.entity.TableEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logs and errors name a device by the name the caller gave it, not by its device id. */
class DeviceNamesTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> logs =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          lines.add(event.getFormattedMessage());
        }
      };
  private final Logger clientLogs = (Logger) LoggerFactory.getLogger("net.vdn.p4runtime");

  @BeforeEach
  void captureLogs() {
    logs.start();
    clientLogs.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    clientLogs.detachAppender(logs);
  }

  private List<String> logLines() {
    return List.copyOf(lines);
  }

  @Test
  void withoutANameTheDeviceIsItsAddressAndDeviceId() {
    assertThat(ClientOptions.builder("10.1.0.1:9559").deviceId(3).build().name())
        .isEqualTo("10.1.0.1:9559#3");
    assertThat(ClientOptions.builder("10.1.0.1:9559").name(" ").build().name())
        .isEqualTo("10.1.0.1:9559#1");
    assertThatThrownBy(
            () ->
                P4RuntimeClient.connect(
                    ClientOptions.builder("127.0.0.1:1").rpcTimeout(Duration.ofSeconds(3)).build()))
        .hasMessageStartingWith("device 127.0.0.1:1#1: Capabilities failed: UNAVAILABLE");
  }

  @Test
  void errorsNameTheDeviceAndWhereItIsReached() {
    assertThatThrownBy(
            () ->
                P4RuntimeClient.connect(
                    ClientOptions.builder("127.0.0.1:1")
                        .name("seoul")
                        .rpcTimeout(Duration.ofSeconds(3))
                        .build()))
        .hasMessageStartingWith("device seoul at 127.0.0.1:1: Capabilities failed: UNAVAILABLE");
  }

  @Test
  void logsAndRefusalsNameTheDevice() throws Exception {
    try (FakeTarget fake = new FakeTarget();
        var primary =
            P4RuntimeClient.connect(
                ClientOptions.builder(fake.target()).name("busan").electionId(20).build());
        var backup =
            P4RuntimeClient.connect(
                ClientOptions.builder(fake.target())
                    .name("seoul")
                    .electionId(10)
                    .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100))
                    .build())) {
      assertThat(primary.awaitPrimary(Duration.ofSeconds(5))).isTrue();
      backup.useP4Info(Fixtures.unitP4Info());
      assertThatThrownBy(
              () ->
                  backup.insert(
                      TableEntry.in("routes")
                          .lpm("dst_addr", Value.ip("10.0.0.0"), 8)
                          .action("set_port", "port", 1)
                          .build()))
          .isInstanceOf(NotPrimaryException.class)
          .hasMessageStartingWith("device seoul: cannot write");
      assertThatThrownBy(() -> primary.readTable("routes"))
          .hasMessageStartingWith("device busan: no P4Info yet");

      fake.dropStreams();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (logLines().stream().noneMatch(l -> l.startsWith("device seoul at "))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(logLines())
          .contains("device busan: primary with election id 20")
          .anyMatch(l -> l.startsWith("device seoul at " + fake.target() + ": stream down ("));
      assertThat(logLines()).noneMatch(l -> l.startsWith("device 1"));
    }
  }
}
