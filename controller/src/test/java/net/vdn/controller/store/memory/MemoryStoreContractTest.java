package net.vdn.controller.store.memory;

import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.StoreContract;

/** The stores' contract on the memory store (it keeps nothing across restarts). */
class MemoryStoreContractTest extends StoreContract {
  @Override
  protected ControllerStore open() {
    return new MemoryStore();
  }

  @Override
  protected ControllerStore reopen(ControllerStore store) {
    return store;
  }
}
