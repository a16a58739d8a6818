package net.vdn.controller.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.InterDomainSlice;

/**
 * Federation's state in one JSON file beside the controller's store, written whole (to a temporary
 * file, forced, then moved over the old one) at every change: holds are few and short-lived.
 */
public final class FileFederationStore implements FederationStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file's content. */
  record State(int version, List<Hold> holds, List<InterDomainSlice> slices) {}

  private final Path file;
  private final Map<String, Hold> holds = new LinkedHashMap<>();
  private final Map<String, InterDomainSlice> slices = new LinkedHashMap<>();

  /** Opens the store beside {@code controllerStore}, reading what exists. */
  public FileFederationStore(Path controllerStore) {
    this.file = controllerStore.resolveSibling(controllerStore.getFileName() + ".federation");
    if (Files.exists(file)) {
      try {
        State s = JSON.readValue(file.toFile(), State.class);
        s.holds().forEach(h -> holds.put(h.id(), h));
        s.slices().forEach(i -> slices.put(i.name(), i));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private void write() {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      byte[] bytes =
          JSON.writeValueAsBytes(
              new State(1, new ArrayList<>(holds.values()), new ArrayList<>(slices.values())));
      try (FileChannel c =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        c.write(ByteBuffer.wrap(bytes));
        c.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public synchronized void putHold(Hold hold) {
    holds.put(hold.id(), hold);
    write();
  }

  @Override
  public synchronized void removeHold(String id) {
    if (holds.remove(id) != null) {
      write();
    }
  }

  @Override
  public synchronized Optional<Hold> hold(String id) {
    return Optional.ofNullable(holds.get(id));
  }

  @Override
  public synchronized List<Hold> holds() {
    return new ArrayList<>(holds.values());
  }

  @Override
  public synchronized void putInterDomain(InterDomainSlice slice) {
    slices.put(slice.name(), slice);
    write();
  }

  @Override
  public synchronized void removeInterDomain(String name) {
    if (slices.remove(name) != null) {
      write();
    }
  }

  @Override
  public synchronized List<InterDomainSlice> interDomainSlices() {
    return new ArrayList<>(slices.values());
  }
}
