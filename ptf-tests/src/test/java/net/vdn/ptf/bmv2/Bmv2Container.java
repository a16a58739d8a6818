package net.vdn.ptf.bmv2;

import java.nio.file.Path;
import java.util.function.Consumer;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.ReceivedFrame;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * BMv2's simple_switch_grpc in a container of the configured {@link Bmv2Image}: P4Runtime and the
 * dataplane service on mapped TCP ports, the program's JSON copied in and loaded at start (the
 * dataplane stream needs a running program, see p4runtime-java/NOTES.md). Frames go in and out
 * through the dataplane service, so the container needs no interface and no capability. The image
 * is never pulled here ({@link Bmv2Image#unavailable()} decides that before).
 */
public final class Bmv2Container implements DataplaneTarget {
  private static final int P4RT = 9559;
  private static final int DATAPLANE = 9560;

  private final GenericContainer<?> container;
  private final Bmv2DataplaneClient dataplane;

  @SuppressWarnings("resource") // closed in close()
  public Bmv2Container(Path program, int ports) {
    container =
        new GenericContainer<>(Bmv2Image.configured().dockerName())
            .withImagePullPolicy(image -> false)
            .withCopyToContainer(MountableFile.forHostPath(program), "/tmp/program.json")
            .withExposedPorts(P4RT, DATAPLANE)
            .withCommand(
                "simple_switch_grpc",
                "--device-id",
                "1",
                "/tmp/program.json",
                "--",
                "--grpc-server-addr",
                "0.0.0.0:" + P4RT,
                "--dp-grpc-server-addr",
                "0.0.0.0:" + DATAPLANE,
                "--cpu-port",
                String.valueOf(Bmv2Switch.CPU_PORT))
            .waitingFor(Wait.forListeningPorts(P4RT, DATAPLANE));
    container.start();
    dataplane = new Bmv2DataplaneClient(address(DATAPLANE), 1);
    for (int port = 1; port <= ports; port++) {
      dataplane.portUp(port);
    }
  }

  private String address(int port) {
    return container.getHost() + ":" + container.getMappedPort(port);
  }

  @Override
  public String p4runtimeAddress() {
    return address(P4RT);
  }

  @Override
  public long deviceId() {
    return 1;
  }

  @Override
  public int cpuPort() {
    return Bmv2Switch.CPU_PORT;
  }

  @Override
  public void receive(Consumer<ReceivedFrame> sink) {
    dataplane.open(sink);
  }

  @Override
  public void send(int port, byte[] frame) {
    dataplane.send(port, frame);
  }

  @Override
  public void close() {
    dataplane.close();
    container.stop();
  }

  @Override
  public String toString() {
    return "BMv2 in container "
        + container.getContainerName()
        + " ("
        + container.getDockerImageName()
        + ") at "
        + p4runtimeAddress();
  }
}
