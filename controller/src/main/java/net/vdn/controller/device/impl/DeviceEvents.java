package net.vdn.controller.device.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.InboundPacket;
import net.vdn.controller.device.Port;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where providers report and listeners hear: every event goes to every listener, in the order they
 * were added; a listener that fails is logged and does not stop the others.
 */
public final class DeviceEvents implements DeviceListener {
  private static final Logger log = LoggerFactory.getLogger(DeviceEvents.class);
  private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

  public void addListener(DeviceListener listener) {
    listeners.add(listener);
  }

  @Override
  public void deviceChanged(Device before, Device after) {
    for (DeviceListener l : listeners) {
      try {
        l.deviceChanged(before, after);
      } catch (RuntimeException e) {
        log.warn("device listener failed on {}: {}", name(before, after), e.toString());
      }
    }
  }

  @Override
  public void portChanged(String device, Port before, Port after) {
    for (DeviceListener l : listeners) {
      try {
        l.portChanged(device, before, after);
      } catch (RuntimeException e) {
        log.warn("device listener failed on {} port {}: {}", device, after.number(), e.toString());
      }
    }
  }

  @Override
  public void packetIn(InboundPacket packet) {
    for (DeviceListener l : listeners) {
      try {
        l.packetIn(packet);
      } catch (RuntimeException e) {
        log.warn("packet-in listener failed on {}: {}", packet.receivedFrom(), e.toString());
      }
    }
  }

  private static String name(Device before, Device after) {
    return after != null ? after.name() : before != null ? before.name() : "?";
  }
}
