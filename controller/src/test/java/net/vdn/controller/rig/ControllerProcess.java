package net.vdn.controller.rig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;

/**
 * A controller in a process of its own, from a config file, as an operator runs one: what the rig's
 * scenarios start, talk to over REST, and kill.
 */
public final class ControllerProcess {
  private ControllerProcess() {}

  public static void main(String[] args) throws Exception {
    Controller c = Controller.start(ControllerOptions.read(Path.of(args[0])));
    c.firstOperatorToken().ifPresent(t -> System.out.println("TOKEN " + t));
    System.out.println("READY " + c.restPort());
    new CountDownLatch(1).await();
  }
}
