package net.vdn.controller.store;

import net.vdn.controller.device.DeviceStore;
import net.vdn.controller.optical.OpticalStore;
import net.vdn.controller.path.ReservationStore;
import net.vdn.controller.security.AuditStore;
import net.vdn.controller.security.GrantStore;
import net.vdn.controller.security.TokenStore;
import net.vdn.controller.slice.SliceStore;

/** Every store a controller needs, from one implementation (a file, memory). */
public interface ControllerStore
    extends SliceStore,
        DeviceStore,
        OpticalStore,
        ReservationStore,
        TokenStore,
        GrantStore,
        AuditStore,
        AutoCloseable {
  /** Releases what the store holds open (files, connections); nothing is lost. */
  @Override
  void close();
}
