package net.vdn.controller.optical;

import java.util.List;
import java.util.Optional;
import net.vdn.optical.OpticalChannel;

/**
 * Optical devices (NETCONF or TL1), the routes between sites across them, and the wavelengths
 * slices hold: one cross-connect per device of a route, on all of them or none. Refusals: {@code
 * OpticalFailure} (a device refused), {@code DeviceUnavailableException} (unreachable), {@code
 * AdmissionException} (no route, no free frequency), {@code NotFoundException}, {@code
 * DuplicateException}.
 */
public interface OpticalService {
  /** Declares a device (stored durably); it is connected when first used. */
  OpticalDeviceState add(OpticalDeviceConfig config);

  /** Forgets a device no route crosses. */
  void remove(String name);

  List<OpticalDeviceState> devices();

  Optional<OpticalDeviceState> device(String name);

  /** The channels a device holds, read from it now. */
  List<OpticalChannel> channels(String device);

  /** Adds (or replaces) the route between two sites; its devices must be declared. */
  void putRoute(OpticalRoute route);

  List<OpticalRoute> routes();

  /**
   * Provisions a wavelength for a slice on every device of the route between its sites; returns it
   * with its frequency. All devices or none.
   */
  Wavelength provision(int sliceId, Wavelength asked);

  /** Removes a slice's wavelength from every device of its route (what is there). */
  void release(int sliceId, Wavelength wavelength);

  /** After a restart: the slice holds this wavelength; adds it where a device lacks it. */
  void ensure(int sliceId, Wavelength wavelength);
}
