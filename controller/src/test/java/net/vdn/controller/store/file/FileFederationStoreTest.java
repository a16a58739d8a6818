package net.vdn.controller.store.file;

import java.nio.file.Path;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.store.FederationStoreContract;
import org.junit.jupiter.api.io.TempDir;

class FileFederationStoreTest extends FederationStoreContract {
  @TempDir Path dir;

  @Override
  protected FederationStore open() {
    return new FileFederationStore(dir.resolve("state.json"));
  }

  @Override
  protected FederationStore reopen(FederationStore store) {
    return new FileFederationStore(dir.resolve("state.json"));
  }
}
