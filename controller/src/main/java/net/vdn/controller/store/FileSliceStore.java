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
import net.vdn.controller.slice.SliceSpec;

/**
 * Slices in one JSON file. Every change writes a new file beside it, forces it to disk and moves it
 * into place atomically, so the file always holds either the old or the new state.
 */
public final class FileSliceStore implements SliceStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private final Path file;
  private final Map<String, SliceSpec> slices = new LinkedHashMap<>();

  /** Opens the store, reading the file when it exists; a broken file is an error, never ignored. */
  public FileSliceStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        for (SliceSpec s : JSON.readValue(file.toFile(), new TypeReference<List<SliceSpec>>() {})) {
          slices.put(s.name(), s);
        }
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read the slice store " + file + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized void put(SliceSpec slice) {
    Map<String, SliceSpec> next = new LinkedHashMap<>(slices);
    next.put(slice.name(), slice);
    write(next);
  }

  @Override
  public synchronized void remove(String name) {
    Map<String, SliceSpec> next = new LinkedHashMap<>(slices);
    if (next.remove(name) != null) {
      write(next);
    }
  }

  @Override
  public synchronized List<SliceSpec> all() {
    return new ArrayList<>(slices.values());
  }

  private void write(Map<String, SliceSpec> next) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(
          tmp,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(next.values())));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the slice store " + file, e);
    }
    slices.clear();
    slices.putAll(next);
  }
}
