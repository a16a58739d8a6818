package net.vdn.controller.store.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in a file of its own: one JSON record per line, appended, never rewritten, never
 * compacted (rotate it from outside while the controller is stopped, if ever). A record is written
 * to the file before {@link #append} returns, so a controller that crashes or is killed loses none;
 * a thread of its own forces the file to disk right after, one force for all the records written
 * meanwhile, so that a change's answer waits for one forced write (the store's), not two. A power
 * loss may lose the records of the last force's duration, as with auditd's asynchronous flush; the
 * changes themselves are in the store, forced before they are answered. The newest {@value #KEPT}
 * records are also kept in memory for {@code GET /audit}; opening reads them back from the file's
 * end. A last line cut short by a crash is left out.
 */
final class FileAuditLog implements AutoCloseable {
  static final int KEPT = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(FileAuditLog.class);

  private final Path file;
  private final Deque<AuditRecord> recent = new ArrayDeque<>();
  private FileChannel out;

  /** Records written since the last force; the flusher forces while there are any. */
  private boolean unforced;

  private boolean closed;

  /** Forces the file while it is open; started by the first record, ended by {@link #close}. */
  private Thread flusher;

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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + file, e);
    }
    keep(r);
    unforced = true;
    if (flusher == null) {
      closed = false;
      flusher = Thread.ofPlatform().daemon().name("vdn-audit-flush").start(this::flush);
    }
    notifyAll();
  }

  /** Forces what was written, for as long as the log is open. */
  private void flush() {
    while (true) {
      FileChannel channel;
      synchronized (this) {
        while (!unforced && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        unforced = false;
        channel = out;
      }
      try {
        channel.force(false);
      } catch (ClosedChannelException e) {
        return; // closed meanwhile: close forced it
      } catch (IOException e) {
        log.error("audit log {}: cannot force it to disk: {}", file, e.toString());
      }
    }
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
    closed = true;
    flusher = null;
    notifyAll();
    if (out != null) {
      try {
        out.force(false);
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the audit log " + file, e);
      }
      out = null;
    }
  }
}
