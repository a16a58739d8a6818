package net.vdn.controller.security.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.GrantScope;
import net.vdn.controller.security.Principal;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceListener;
import net.vdn.controller.slice.SliceService;
import net.vdn.controller.slice.SliceSpec;

/**
 * The slice service as one caller may use it. An operator sees and changes every slice and names
 * the tenant of the slices it creates. A tenant sees only its own slices (another tenant's is not
 * found: its existence is not disclosed), creates slices only as its own tenant and only on the
 * edge ports granted to it, and changes them only as a tenant admin. A name, slice id or edge port
 * held by another tenant's slice is refused with 409 without naming that slice. The grants are
 * checked here first, and again by a store shared by several controllers inside its admission
 * transaction ({@link GrantScope}).
 */
final class TenantSlices implements SliceService {
  private final SliceService all;
  private final Principal caller;
  private final Supplier<List<Grant>> grants;

  TenantSlices(SliceService all, Principal caller, Supplier<List<Grant>> grants) {
    this.all = all;
    this.caller = caller;
    this.grants = grants;
  }

  @Override
  public Slice create(SliceSpec spec) {
    requireChanger();
    SliceSpec s = withTenant(spec, null);
    if (!caller.operator()) {
      checkGranted(s);
      Optional<Slice> same = all.get(s.name());
      if (same.isPresent() && !visible(same.get())) {
        throw new DuplicateException("name: slice name '" + s.name() + "' is not available");
      }
      checkOthers(s);
      return GrantScope.requiring(caller.tenant(), () -> all.create(s));
    }
    return all.create(s);
  }

  @Override
  public Slice modify(SliceSpec spec) {
    Slice now = require(spec.name());
    requireChanger();
    SliceSpec s = withTenant(spec, now.spec().tenant());
    if (!caller.operator()) {
      checkGranted(s);
      checkOthers(s);
      return GrantScope.requiring(caller.tenant(), () -> all.modify(s));
    }
    return all.modify(s);
  }

  @Override
  public void delete(String name) {
    require(name);
    requireChanger();
    all.delete(name);
  }

  @Override
  public Optional<Slice> get(String name) {
    return all.get(name).filter(this::visible);
  }

  @Override
  public List<Slice> list() {
    return caller.operator() ? all.list() : all.list().stream().filter(this::visible).toList();
  }

  @Override
  public SliceCounters counters(String name) {
    require(name);
    return all.counters(name);
  }

  @Override
  public Map<String, SliceCounters> allCounters() {
    Map<String, SliceCounters> out = new LinkedHashMap<>(all.allCounters());
    if (!caller.operator()) {
      out.keySet().retainAll(list().stream().map(Slice::name).toList());
    }
    return out;
  }

  @Override
  public void addListener(SliceListener listener) {
    throw new UnsupportedOperationException("a caller's view of the slices has no listeners");
  }

  private boolean visible(Slice s) {
    return caller.sees(s.spec().tenant());
  }

  private Slice require(String name) {
    return get(name).orElseThrow(() -> new NotFoundException("no slice '" + name + "'"));
  }

  private void requireChanger() {
    if (!caller.role().changesSlices()) {
      throw new ForbiddenException(
          "a " + caller.role().wire() + " reads slices; changing them needs a tenant-admin");
    }
  }

  /**
   * The slice as created for this caller: a tenant's own tenant (the body may leave it out or name
   * it, never another), an operator's named one (or, when modifying, the slice's own).
   */
  private SliceSpec withTenant(SliceSpec spec, String current) {
    String asked = spec.tenant();
    String tenant;
    if (caller.operator()) {
      tenant = asked != null ? asked : current;
      if (tenant == null) {
        throw new ConfigException("tenant", "an operator names the tenant a slice is for");
      }
      Principal.checkTenant("tenant", tenant);
    } else {
      if (asked != null && !asked.equals(caller.tenant())) {
        throw new ForbiddenException(
            "tenant",
            "tenant: a slice is created as the caller's own tenant '" + caller.tenant() + "'");
      }
      tenant = caller.tenant();
    }
    return new SliceSpec(
        spec.name(),
        tenant,
        spec.sliceId(),
        spec.endpoints(),
        spec.cirBps(),
        spec.pirBps(),
        spec.burstMs(),
        spec.trafficClass(),
        spec.wavelength());
  }

  private void checkGranted(SliceSpec s) {
    List<Grant> held = grants.get();
    for (int i = 0; i < s.endpoints().size(); i++) {
      Endpoint e = s.endpoints().get(i);
      boolean granted =
          held.stream()
              .anyMatch(
                  g -> g.tenant().equals(caller.tenant()) && g.covers(e.device(), e.port(), null));
      if (!granted) {
        throw new ForbiddenException(
            "endpoints[" + i + "]",
            "endpoints["
                + i
                + "]: "
                + e.device()
                + ":"
                + e.port()
                + " is not granted to tenant '"
                + caller.tenant()
                + "'");
      }
    }
  }

  /** What another tenant's slices hold, refused without naming them. */
  private void checkOthers(SliceSpec s) {
    for (Slice o : all.list()) {
      if (visible(o) || o.name().equals(s.name())) {
        continue;
      }
      if (o.spec().sliceId() == s.sliceId()) {
        throw new DuplicateException("sliceId: " + s.sliceId() + " is not available");
      }
      for (Endpoint e : s.endpoints()) {
        for (Endpoint taken : o.spec().endpoints()) {
          if (taken.point().equals(e.point()) && overlap(taken, e)) {
            throw new DuplicateException(
                "endpoint " + e.point() + " is held by a slice of another tenant");
          }
        }
      }
    }
  }

  private static boolean overlap(Endpoint a, Endpoint b) {
    if (!java.util.Objects.equals(a.vlan(), b.vlan())) {
      return false;
    }
    if (a.srcPrefix() == null || b.srcPrefix() == null) {
      return true;
    }
    long mask =
        net.vdn.pipeconf.rule.Ipv4Prefix.mask(
            Math.min(a.srcPrefix().length(), b.srcPrefix().length()));
    return (a.srcPrefix().address() & mask) == (b.srcPrefix().address() & mask);
  }
}
