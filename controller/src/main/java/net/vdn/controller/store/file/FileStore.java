package net.vdn.controller.store.file;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.Grant;
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.memory.MemoryReservations;

/**
 * The controller's state — devices, slices and their reserved paths, optical devices and routes,
 * API tokens (hashed) and grants — in a JSON snapshot ({@code FILE}) and a journal beside it
 * ({@code FILE.journal}, one JSON change per line). A change is appended to the journal and forced
 * to disk before it returns, so it costs one small write whatever the state's size; once the
 * journal holds {@value #COMPACT_AFTER} changes the state is written as a new snapshot (beside it,
 * forced, moved into place atomically) and the journal starts again. The audit log is a file of its
 * own beside them ({@code FILE.audit}, see {@link FileAuditLog}), only ever appended to. Opening
 * reads the snapshot and replays the journal; a last line cut short by a crash is a change that was
 * never acknowledged and is dropped; any other bad line is an error, never ignored.
 *
 * <p>Reservations are not written separately: a stored slice carries the paths its rate is reserved
 * on, and the slice service reserves them again when it takes the stored slices back after a
 * restart. A reservation made for a slice that was never stored (the controller stopped between
 * admission and the store's write) is not a promise anyone was given, and is gone.
 */
public final class FileStore implements ControllerStore {
  private static final int VERSION = 1;
  static final int COMPACT_AFTER = 1000;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  /** The snapshot's content. */
  record State(
      int version,
      List<DeviceConfig> devices,
      List<StoredSlice> slices,
      List<OpticalDeviceConfig> opticalDevices,
      List<OpticalRoute> opticalRoutes,
      List<ApiToken> tokens,
      List<Grant> grants) {}

  /** One journal line: what changed. Exactly one of the payload fields is set. */
  record Change(
      String op,
      DeviceConfig device,
      StoredSlice slice,
      OpticalDeviceConfig opticalDevice,
      List<OpticalRoute> routes,
      String name,
      ApiToken token,
      Grant grant) {
    Change(
        String op,
        DeviceConfig device,
        StoredSlice slice,
        OpticalDeviceConfig opticalDevice,
        List<OpticalRoute> routes,
        String name) {
      this(op, device, slice, opticalDevice, routes, name, null, null);
    }
  }

  private final Path file;
  private final Path journal;
  private final Map<String, DeviceConfig> devices = new LinkedHashMap<>();
  private final Map<String, StoredSlice> slices = new LinkedHashMap<>();
  private final Map<String, OpticalDeviceConfig> optical = new LinkedHashMap<>();
  private List<OpticalRoute> routes = List.of();
  private final MemoryReservations reservations = new MemoryReservations();
  private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
  private final Set<Grant> grants = new LinkedHashSet<>();
  private final FileAuditLog audit;
  private FileChannel out;
  private int journaled;

  /** Opens the store, reading what exists; a broken file is an error, never ignored. */
  public FileStore(Path file) {
    this.file = file;
    this.journal = file.resolveSibling(file.getFileName() + ".journal");
    this.audit = new FileAuditLog(file.resolveSibling(file.getFileName() + ".audit"));
    try {
      if (Files.exists(file)) {
        readSnapshot();
      }
      if (Files.exists(journal)) {
        replay();
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the controller store " + file + ": " + e.getMessage(), e);
    }
  }

  private void readSnapshot() throws IOException {
    State state = JSON.readValue(file.toFile(), new TypeReference<State>() {});
    if (state.version() != VERSION) {
      throw new IOException(
          "version " + state.version() + ", this controller reads version " + VERSION);
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
    if (state.tokens() != null) {
      state.tokens().forEach(t -> tokens.put(t.id(), t));
    }
    if (state.grants() != null) {
      grants.addAll(state.grants());
    }
  }

  private void replay() throws IOException {
    byte[] bytes = Files.readAllBytes(journal);
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean complete = text.isEmpty() || text.endsWith("\n");
    String[] lines = text.split("\n", -1);
    int last = lines.length - 1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (i == last && !complete) {
        // Cut short by a crash before it was forced: never acknowledged.
        break;
      }
      Change c;
      try {
        c = JSON.readValue(line, Change.class);
      } catch (IOException | RuntimeException e) {
        throw new IOException("journal line " + (i + 1) + ": " + e.getMessage(), e);
      }
      apply(c);
      journaled++;
    }
  }

  private void apply(Change c) {
    switch (c.op()) {
      case "putDevice" -> devices.put(c.device().name(), c.device());
      case "removeDevice" -> devices.remove(c.name());
      case "putSlice" -> slices.put(c.slice().spec().name(), c.slice());
      case "removeSlice" -> slices.remove(c.name());
      case "putOpticalDevice" -> optical.put(c.opticalDevice().name(), c.opticalDevice());
      case "removeOpticalDevice" -> optical.remove(c.name());
      case "putOpticalRoutes" -> routes = List.copyOf(c.routes());
      case "putToken" -> tokens.put(c.token().id(), c.token());
      case "removeToken" -> tokens.remove(c.name());
      case "putGrant" -> grants.add(c.grant());
      case "removeGrant" -> grants.remove(c.grant());
      default -> throw new IllegalArgumentException("unknown change '" + c.op() + "'");
    }
  }

  @Override
  public synchronized void put(StoredSlice slice) {
    record(new Change("putSlice", null, slice, null, null, null));
  }

  @Override
  public synchronized Optional<StoredSlice> get(String name) {
    return Optional.ofNullable(slices.get(name));
  }

  @Override
  public synchronized void remove(String name) {
    if (slices.containsKey(name)) {
      record(new Change("removeSlice", null, null, null, null, name));
    }
  }

  @Override
  public synchronized List<StoredSlice> all() {
    return new ArrayList<>(slices.values());
  }

  @Override
  public synchronized void putDevice(DeviceConfig device) {
    record(new Change("putDevice", device, null, null, null, null));
  }

  @Override
  public synchronized void removeDevice(String name) {
    if (devices.containsKey(name)) {
      record(new Change("removeDevice", null, null, null, null, name));
    }
  }

  @Override
  public synchronized List<DeviceConfig> devices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void putOpticalDevice(OpticalDeviceConfig device) {
    record(new Change("putOpticalDevice", null, null, device, null, null));
  }

  @Override
  public synchronized void removeOpticalDevice(String name) {
    if (optical.containsKey(name)) {
      record(new Change("removeOpticalDevice", null, null, null, null, name));
    }
  }

  @Override
  public synchronized List<OpticalDeviceConfig> opticalDevices() {
    return new ArrayList<>(optical.values());
  }

  @Override
  public synchronized void putOpticalRoutes(List<OpticalRoute> next) {
    record(new Change("putOpticalRoutes", null, null, null, List.copyOf(next), null));
  }

  @Override
  public synchronized List<OpticalRoute> opticalRoutes() {
    return routes;
  }

  @Override
  public void admit(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
    reservations.admit(slice, expected, wanted, capacity);
  }

  @Override
  public void release(String slice) {
    reservations.release(slice);
  }

  @Override
  public long reserved(ConnectPoint source) {
    return reservations.reserved(source);
  }

  @Override
  public Holding held(String slice) {
    return reservations.held(slice);
  }

  @Override
  public Set<String> holders() {
    return reservations.holders();
  }

  @Override
  public synchronized void putToken(ApiToken token) {
    record(new Change("putToken", null, null, null, null, null, token, null));
  }

  @Override
  public synchronized void removeToken(String id) {
    if (tokens.containsKey(id)) {
      record(new Change("removeToken", null, null, null, null, id));
    }
  }

  @Override
  public synchronized Optional<ApiToken> token(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public synchronized List<ApiToken> tokens() {
    return new ArrayList<>(tokens.values());
  }

  @Override
  public synchronized void putGrant(Grant grant) {
    if (!grants.contains(grant)) {
      record(new Change("putGrant", null, null, null, null, null, null, grant));
    }
  }

  @Override
  public synchronized void removeGrant(Grant grant) {
    if (grants.contains(grant)) {
      record(new Change("removeGrant", null, null, null, null, null, null, grant));
    }
  }

  @Override
  public synchronized List<Grant> grants() {
    return new ArrayList<>(grants);
  }

  @Override
  public void append(AuditRecord record) {
    audit.append(record);
  }

  @Override
  public List<AuditRecord> auditTail(int limit) {
    return audit.tail(limit);
  }

  /** Makes a change durable (journal, forced), then applies it; compacts now and then. */
  private void record(Change c) {
    try {
      byte[] line = (JSON.writeValueAsString(c) + "\n").getBytes(StandardCharsets.UTF_8);
      if (out == null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out =
            FileChannel.open(
                journal,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the controller store " + journal, e);
    }
    apply(c);
    if (++journaled >= COMPACT_AFTER) {
      compact();
    }
  }

  /** Writes the state as a new snapshot and empties the journal. */
  synchronized void compact() {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    State state =
        new State(
            VERSION,
            new ArrayList<>(devices.values()),
            new ArrayList<>(slices.values()),
            new ArrayList<>(optical.values()),
            routes,
            new ArrayList<>(tokens.values()),
            new ArrayList<>(grants));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      // A crash here replays the old journal onto the new snapshot: every change is idempotent.
      if (out != null) {
        out.close();
        out = null;
      }
      Files.deleteIfExists(journal);
      journaled = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the controller store " + file, e);
    }
  }

  /** Closes the journal; the next change opens it again. */
  @Override
  public synchronized void close() {
    audit.close();
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the controller store " + journal, e);
      }
      out = null;
    }
  }
}
