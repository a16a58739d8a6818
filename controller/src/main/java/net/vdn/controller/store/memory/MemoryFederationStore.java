package net.vdn.controller.store.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.controller.federation.FederationStore;
import net.vdn.controller.federation.InterDomainSlice;

/** Federation's state in memory: nothing survives the process. */
public final class MemoryFederationStore implements FederationStore {
  private final Map<String, Hold> holds = new LinkedHashMap<>();
  private final Map<String, InterDomainSlice> slices = new LinkedHashMap<>();

  @Override
  public synchronized void putHold(Hold hold) {
    holds.put(hold.id(), hold);
  }

  @Override
  public synchronized void removeHold(String id) {
    holds.remove(id);
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
  }

  @Override
  public synchronized void removeInterDomain(String name) {
    slices.remove(name);
  }

  @Override
  public synchronized List<InterDomainSlice> interDomainSlices() {
    return new ArrayList<>(slices.values());
  }
}
