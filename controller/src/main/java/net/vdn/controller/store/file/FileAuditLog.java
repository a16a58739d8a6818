package net.vdn.controller.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.vdn.controller.security.AuditRecord;

/**
 * The audit log in a file of its own: one JSON record per line, appended and forced to disk before
 * {@link #append} returns, never rewritten, never compacted (rotate it from outside while the
 * controller is stopped, if ever). The newest {@value #KEPT} records are also kept in memory for
 * {@code GET /audit}; opening reads them back from the file's end. A last line cut short by a crash
 * is left out.
 */
final class FileAuditLog implements AutoCloseable {
  static final int KEPT = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Deque<AuditRecord> recent = new ArrayDeque<>();
  private FileChannel out;

  FileAuditLog(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int last = text.endsWith("\n") ? lines.length : lines.length - 1;
        for (int i = Math.max(0, last - KEPT); i < last; i++) {
          if (!lines[i].isEmpty()) {
            keep(JSON.readValue(lines[i], AuditRecord.class));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the audit log " + file, e);
      }
    }
  }

  synchronized void append(AuditRecord r) {
    try {
      if (out == null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      ByteBuffer b =
          ByteBuffer.wrap((JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + file, e);
    }
    keep(r);
  }

  private void keep(AuditRecord r) {
    recent.addLast(r);
    if (recent.size() > KEPT) {
      recent.removeFirst();
    }
  }

  synchronized List<AuditRecord> tail(int limit) {
    List<AuditRecord> all = new ArrayList<>(recent);
    return new ArrayList<>(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the audit log " + file, e);
      }
      out = null;
    }
  }
}
