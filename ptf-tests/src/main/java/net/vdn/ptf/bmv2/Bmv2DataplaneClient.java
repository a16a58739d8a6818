package net.vdn.ptf.bmv2;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.ptf.ReceivedFrame;
import net.vdn.ptf.bmv2.proto.DataplaneInterfaceGrpc;
import net.vdn.ptf.bmv2.proto.PacketStreamRequest;
import net.vdn.ptf.bmv2.proto.PacketStreamResponse;
import net.vdn.ptf.bmv2.proto.PortOperStatus;
import net.vdn.ptf.bmv2.proto.SetPortOperStatusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of BMv2's dataplane gRPC service: one packet stream that injects frames into ports and
 * receives every frame the switch transmits on a data port.
 */
final class Bmv2DataplaneClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bmv2DataplaneClient.class);

  private final ManagedChannel channel;
  private final long deviceId;
  private static final ScheduledExecutorService RETRY =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bmv2-dataplane-retry");
            t.setDaemon(true);
            return t;
          });

  private Consumer<ReceivedFrame> sink;
  private StreamObserver<PacketStreamRequest> requests;
  private volatile boolean closing;
  private volatile Throwable streamError;
  private final CountDownLatch closed = new CountDownLatch(1);

  Bmv2DataplaneClient(String address, long deviceId) {
    this.channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create()).build();
    this.deviceId = deviceId;
  }

  /** Declares a port up (BMv2 adds ports when first used; replicas need them known before). */
  void portUp(int port) {
    // A switch just started (in a container on a busy machine, seconds) may not answer at once.
    DataplaneInterfaceGrpc.newBlockingStub(channel)
        .withWaitForReady()
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .setPortOperStatus(
            SetPortOperStatusRequest.newBuilder()
                .setDeviceId(deviceId)
                .setPort(port)
                .setOperStatus(PortOperStatus.OPER_STATUS_UP)
                .build());
  }

  /**
   * Opens the packet stream; frames the switch transmits go to {@code sink}. BMv2 refuses the
   * stream ("not ready") until it runs a program, so a refused stream is opened again every 20 ms
   * until the client closes.
   */
  synchronized void open(Consumer<ReceivedFrame> sink) {
    if (this.sink != null) {
      throw new IllegalStateException("the packet stream is already open");
    }
    this.sink = sink;
    connect();
  }

  private synchronized void connect() {
    if (closing) {
      return;
    }
    streamError = null;
    requests =
        DataplaneInterfaceGrpc.newStub(channel)
            .packetStream(
                new StreamObserver<>() {
                  @Override
                  public void onNext(PacketStreamResponse r) {
                    sink.accept(new ReceivedFrame(r.getPort(), r.getPacket().toByteArray()));
                  }

                  @Override
                  public void onError(Throwable t) {
                    Status.Code code = Status.fromThrowable(t).getCode();
                    if (code == Status.Code.UNAVAILABLE && !closing) {
                      RETRY.schedule(Bmv2DataplaneClient.this::connect, 20, TimeUnit.MILLISECONDS);
                      return;
                    }
                    streamError = t;
                    if (code != Status.Code.CANCELLED) {
                      log.warn("BMv2 dataplane stream failed: {}", t.toString());
                    }
                    closed.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    closed.countDown();
                  }
                });
  }

  synchronized void send(int port, byte[] frame) {
    if (requests == null) {
      throw new IllegalStateException("the packet stream is not open");
    }
    Throwable error = streamError;
    if (error != null) {
      throw new IllegalStateException("the BMv2 dataplane stream failed: " + error, error);
    }
    requests.onNext(
        PacketStreamRequest.newBuilder()
            .setDeviceId(deviceId)
            .setPort(port)
            .setPacket(ByteString.copyFrom(frame))
            .build());
  }

  @Override
  public void close() {
    closing = true;
    try {
      if (requests != null) {
        requests.onCompleted();
        closed.await(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StatusRuntimeException | IllegalStateException e) {
      log.debug("closing the dataplane stream: {}", e.toString());
    } finally {
      channel.shutdownNow();
    }
  }
}
