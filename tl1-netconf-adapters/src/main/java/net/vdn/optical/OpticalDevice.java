package net.vdn.optical;

import java.util.List;

/**
 * An optical device that carries dedicated channels: a terminal device (transponder) or a
 * wavelength router (ROADM), reached over NETCONF or TL1.
 *
 * <p>Every change is all or nothing on the device: a call that throws leaves the device as it was,
 * unless the exception's kind is {@link OpticalException.Kind#UNCERTAIN}. A caller that programs
 * several devices undoes what it did on the others with {@link #remove(String)}.
 */
public interface OpticalDevice extends AutoCloseable {

  /** The name the driver was given, used in logs and errors. */
  String name();

  /** Opens the session (logs in); calling it on a connected device does nothing. */
  void connect() throws OpticalException;

  /** Whether the session is open. */
  boolean isConnected();

  /** Adds one channel. */
  default void add(OpticalChannel channel) throws OpticalException {
    addAll(List.of(channel));
  }

  /** Adds several channels, all of them or none. */
  void addAll(List<OpticalChannel> channels) throws OpticalException;

  /** Removes the channel of that name; {@link OpticalException.Kind#NOT_FOUND} if none. */
  void remove(String channelName) throws OpticalException;

  /** The channels the device holds now, read from it. */
  List<OpticalChannel> list() throws OpticalException;

  /** Closes the session (logs out). */
  @Override
  void close();
}
