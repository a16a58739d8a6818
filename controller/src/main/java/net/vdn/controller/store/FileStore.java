package net.vdn.controller.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.slice.SliceSpec;

/**
 * The controller's state — devices, slices and their reserved paths — in one JSON file. Every
 * change writes a new file beside it, forces it to disk and moves it into place atomically, so the
 * file always holds either the old or the new state, and a change is durable before it returns.
 */
public final class FileStore implements SliceStore, DeviceStore, OpticalStore {
  private static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The file's content. */
  record State(
      int version,
      List<DeviceConfig> devices,
      List<StoredSlice> slices,
      List<OpticalDeviceConfig> opticalDevices,
      List<OpticalRoute> opticalRoutes) {}

  private final Path file;
  private final Map<String, DeviceConfig> devices = new LinkedHashMap<>();
  private final Map<String, StoredSlice> slices = new LinkedHashMap<>();
  private final Map<String, OpticalDeviceConfig> optical = new LinkedHashMap<>();
  private List<OpticalRoute> routes = List.of();

  /** Opens the store, reading the file when it exists; a broken file is an error, never ignored. */
  public FileStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      State state;
      try {
        state = JSON.readValue(file.toFile(), new TypeReference<State>() {});
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot read the controller store " + file + ": " + e.getMessage(), e);
      }
      if (state.version() != VERSION) {
        throw new IllegalStateException(
            "cannot read the controller store "
                + file
                + ": version "
                + state.version()
                + ", this controller reads version "
                + VERSION);
      }
      if (state.devices() != null) {
        state.devices().forEach(d -> devices.put(d.name(), d));
      }
      if (state.slices() != null) {
        state.slices().forEach(s -> slices.put(s.spec().name(), s));
      }
      if (state.opticalDevices() != null) {
        state.opticalDevices().forEach(d -> optical.put(d.name(), d));
      }
      if (state.opticalRoutes() != null) {
        routes = List.copyOf(state.opticalRoutes());
      }
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void put(SliceSpec slice, List<net.vdn.controller.path.Path> paths) {
    Map<String, StoredSlice> next = new LinkedHashMap<>(slices);
    next.put(slice.name(), new StoredSlice(slice, paths));
    write(devices, next, optical, routes);
    slices.clear();
    slices.putAll(next);
  }

  @Override
  public synchronized void remove(String name) {
    Map<String, StoredSlice> next = new LinkedHashMap<>(slices);
    if (next.remove(name) != null) {
      write(devices, next, optical, routes);
      slices.remove(name);
    }
  }

  @Override
  public synchronized List<StoredSlice> all() {
    return new ArrayList<>(slices.values());
  }

  @Override
  public synchronized void putDevice(DeviceConfig device) {
    Map<String, DeviceConfig> next = new LinkedHashMap<>(devices);
    next.put(device.name(), device);
    write(next, slices, optical, routes);
    devices.put(device.name(), device);
  }

  @Override
  public synchronized void removeDevice(String name) {
    Map<String, DeviceConfig> next = new LinkedHashMap<>(devices);
    if (next.remove(name) != null) {
      write(next, slices, optical, routes);
      devices.remove(name);
    }
  }

  @Override
  public synchronized List<DeviceConfig> devices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void putOpticalDevice(OpticalDeviceConfig device) {
    Map<String, OpticalDeviceConfig> next = new LinkedHashMap<>(optical);
    next.put(device.name(), device);
    write(devices, slices, next, routes);
    optical.put(device.name(), device);
  }

  @Override
  public synchronized void removeOpticalDevice(String name) {
    Map<String, OpticalDeviceConfig> next = new LinkedHashMap<>(optical);
    if (next.remove(name) != null) {
      write(devices, slices, next, routes);
      optical.remove(name);
    }
  }

  @Override
  public synchronized List<OpticalDeviceConfig> opticalDevices() {
    return new ArrayList<>(optical.values());
  }

  @Override
  public synchronized void putOpticalRoutes(List<OpticalRoute> next) {
    write(devices, slices, optical, next);
    routes = List.copyOf(next);
  }

  @Override
  public synchronized List<OpticalRoute> opticalRoutes() {
    return routes;
  }

  private void write(
      Map<String, DeviceConfig> devices,
      Map<String, StoredSlice> slices,
      Map<String, OpticalDeviceConfig> optical,
      List<OpticalRoute> routes) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    State state =
        new State(
            VERSION,
            new ArrayList<>(devices.values()),
            new ArrayList<>(slices.values()),
            new ArrayList<>(optical.values()),
            routes);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the controller store " + file, e);
    }
  }
}
