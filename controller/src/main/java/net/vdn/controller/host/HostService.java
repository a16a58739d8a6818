package net.vdn.controller.host;

import java.util.List;
import java.util.Optional;
import net.vdn.packet.MacAddress;

/** The hosts attached to edge ports, learned from the ARP frames devices copy to the controller. */
public interface HostService {
  List<Host> hosts();

  Optional<Host> host(MacAddress mac);
}
