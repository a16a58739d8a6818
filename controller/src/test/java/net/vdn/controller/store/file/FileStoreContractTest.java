package net.vdn.controller.store.file;

import java.nio.file.Path;
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.StoreContract;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores' contract on the file store: reopening reads the snapshot and the journal back.
 * Reservations are not written (a restarted controller reserves its stored slices' paths again), so
 * the reservation cases run within one opening.
 */
class FileStoreContractTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected ControllerStore open() {
    return new FileStore(dir.resolve("vdn-state.json"));
  }

  @Override
  protected ControllerStore reopen(ControllerStore store) {
    store.close();
    return new FileStore(dir.resolve("vdn-state.json"));
  }
}
