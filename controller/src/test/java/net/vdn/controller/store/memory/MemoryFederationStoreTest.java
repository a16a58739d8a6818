package net.vdn.controller.store.memory;

import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.store.FederationStoreContract;

class MemoryFederationStoreTest extends FederationStoreContract {
  @Override
  protected FederationStore open() {
    return new MemoryFederationStore();
  }

  @Override
  protected FederationStore reopen(FederationStore store) {
    return store;
  }
}
