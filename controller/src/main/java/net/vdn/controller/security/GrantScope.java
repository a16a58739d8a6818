package net.vdn.controller.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.error.ForbiddenException;

/**
 * The tenant whose grants a slice change made on this thread needs on every edge port. The tenant's
 * view of the slices binds it around the change; a store shared by several controllers checks it
 * again inside its admission transaction, comparing the grants it read there, so that a grant taken
 * back by another controller meanwhile makes the admission fail rather than pass unseen. Operators'
 * changes bind nothing: they need no grants.
 */
public final class GrantScope {
  private static final ScopedValue<String> TENANT = ScopedValue.newInstance();

  private GrantScope() {}

  /** Makes a change that needs the tenant's grants. */
  public static <T, X extends Throwable> T requiring(
      String tenant, ScopedValue.CallableOp<T, X> change) throws X {
    return ScopedValue.where(TENANT, tenant).call(change);
  }

  /** The tenant whose grants the change made on this thread needs, if any. */
  public static Optional<String> required() {
    return TENANT.isBound() ? Optional.of(TENANT.get()) : Optional.empty();
  }

  /** Throws {@link ForbiddenException} naming the first port not granted to the tenant. */
  public static void check(
      String tenant, Collection<ConnectPoint> ports, Function<ConnectPoint, List<Grant>> grantsOn) {
    for (ConnectPoint p : ports) {
      boolean granted =
          grantsOn.apply(p).stream()
              .anyMatch(g -> g.tenant().equals(tenant) && g.covers(p.device(), p.port(), null));
      if (!granted) {
        throw new ForbiddenException(
            "endpoints",
            "edge port " + p + " is not granted to tenant '" + tenant + "'; nothing changed");
      }
    }
  }
}
