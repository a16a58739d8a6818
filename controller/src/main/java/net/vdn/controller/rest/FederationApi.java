package net.vdn.controller.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.federation.DomainEndpoint;
import net.vdn.controller.federation.FederationService;
import net.vdn.controller.federation.InterDomainSlice;
import net.vdn.controller.federation.InterDomainSpec;
import net.vdn.controller.federation.Segment;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.Principal;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceSpec;

/**
 * Inter-domain slices on the slice routes, and {@code GET /api/v1/federation}: a slice request
 * whose endpoints name domains ({@code "domain:device:port[:vlan]"}) goes to the federation
 * service; an inter-domain slice shows each domain's segment and state. An operator names the
 * tenant (or none); a tenant admin creates, changes and deletes its own tenant's inter-domain
 * slices, with its endpoints in this domain on ports granted to it: the other domains admit their
 * segments per their peering with this domain, and never learn this domain's tenants.
 */
final class FederationApi {
  private final FederationService federation;
  private final Function<Principal, List<Grant>> grants;

  /**
   * {@code federation} null: this controller serves no domain.
   *
   * @param grants the grants a caller may see (a tenant's own)
   */
  FederationApi(FederationService federation, Function<Principal, List<Grant>> grants) {
    this.federation = federation;
    this.grants = grants;
  }

  void register(RestServer.Routes r) {
    r.get(RestServer.API + "/federation", this::overview);
  }

  /** Whether a slice request names domains in its endpoints. */
  static boolean isInterDomain(ObjectNode body) {
    JsonNode eps = body.get("endpoints");
    if (eps == null || !eps.isArray()) {
      return false;
    }
    for (JsonNode e : eps) {
      if (e.isTextual() || e.has("domain")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is an inter-domain slice this domain was asked for. */
  boolean knows(String name) {
    return federation != null && federation.get(name).isPresent();
  }

  void create(Context ctx, ObjectNode body) {
    served();
    InterDomainSpec spec = forCaller(Guard.principal(ctx), spec(body, null), null);
    boolean existed = federation.get(spec.name()).isPresent();
    InterDomainSlice s = federation.create(spec);
    RestServer.json(ctx, existed ? 200 : 201, view(s, null));
  }

  void modify(Context ctx, ObjectNode body, String name) {
    InterDomainSlice was = existing(name);
    // What a change does not name stays as it is.
    if (!body.has("burstMs") && was.spec().burstMs() > 0) {
      body.put("burstMs", was.spec().burstMs());
    }
    if (!body.has("trafficClass")) {
      body.put("trafficClass", was.spec().trafficClass());
    }
    InterDomainSpec spec = forCaller(Guard.principal(ctx), spec(body, name), was.spec().tenant());
    RestServer.json(ctx, 200, view(federation.modify(spec), null));
  }

  void delete(Context ctx, String name) {
    InterDomainSlice was = existing(name);
    forCaller(Guard.principal(ctx), was.spec(), was.spec().tenant());
    federation.delete(name);
    ctx.status(204);
  }

  private InterDomainSlice existing(String name) {
    served();
    return federation.get(name).orElseThrow(() -> new NotFoundException("no slice '" + name + "'"));
  }

  /**
   * The slice as this caller may ask for it: an operator's as asked (a change keeps the slice's
   * tenant unless it names one); a tenant admin's for its own tenant, with each endpoint in this
   * domain on a port (or VLAN) granted to it.
   *
   * @param current the slice's tenant when it exists
   */
  private InterDomainSpec forCaller(Principal p, InterDomainSpec s, String current) {
    if (p.operator()) {
      return s.tenant() == null && current != null ? s.withTenant(current) : s;
    }
    if (!p.role().changesSlices()) {
      throw new ForbiddenException(
          "a " + p.role().wire() + " reads slices; changing them needs a tenant-admin");
    }
    if (s.tenant() != null && !s.tenant().equals(p.tenant())) {
      throw new ForbiddenException(
          "tenant", "tenant: a slice is created as the caller's own tenant '" + p.tenant() + "'");
    }
    if (current != null && !current.equals(p.tenant())) {
      throw new NotFoundException("no slice '" + s.name() + "'");
    }
    List<Grant> held = grants.apply(p);
    for (int i = 0; i < s.endpoints().size(); i++) {
      DomainEndpoint e = s.endpoints().get(i);
      if (e.domain().equals(federation.domain())
          && held.stream()
              .noneMatch(
                  g -> g.tenant().equals(p.tenant()) && g.covers(e.device(), e.port(), e.vlan()))) {
        throw new ForbiddenException(
            "endpoints[" + i + "]",
            "endpoints[" + i + "]: " + e + " is not granted to tenant '" + p.tenant() + "'");
      }
    }
    return s.withTenant(p.tenant());
  }

  /** The local slice's view with the inter-domain slice's domains and their segments. */
  ObjectNode view(InterDomainSlice s, Slice local) {
    ObjectNode o = local == null ? RestServer.JSON.createObjectNode() : Views.slice(local);
    o.put("name", s.name());
    o.put("domain", federation.domain());
    o.put("vlan", s.vlan());
    ArrayNode eps = o.putArray("interDomainEndpoints");
    s.spec().endpoints().forEach(e -> eps.add(e.toString()));
    ArrayNode domains = o.putArray("domains");
    for (Segment g : s.segments()) {
      ObjectNode d = domains.addObject();
      d.put("domain", g.domain());
      d.put("slice", g.slice());
      d.put("reservation", g.requestId());
      d.put("state", g.state().name().toLowerCase());
      d.put("vlan", g.vlan());
      if (!g.askedBy(federation.domain())) {
        d.put("via", g.via());
      }
      ArrayNode ge = d.putArray("endpoints");
      g.endpoints().forEach(e -> ge.add(e.toString()));
    }
    return o;
  }

  Optional<ObjectNode> viewOf(String name, Slice local) {
    if (federation == null) {
      return Optional.empty();
    }
    return federation.get(name).map(s -> view(s, local));
  }

  private void overview(Context ctx) {
    if (federation == null) {
      throw new NotFoundException("this controller serves no domain (no federation section)");
    }
    ObjectNode o = RestServer.JSON.createObjectNode();
    o.put("domain", federation.domain());
    o.set("advertisement", RestServer.JSON.valueToTree(federation.advertise()));
    o.set("peers", RestServer.JSON.valueToTree(federation.peerAdvertisements()));
    o.set("reservations", RestServer.JSON.valueToTree(federation.holds()));
    RestServer.json(ctx, 200, o);
  }

  private void served() {
    if (federation == null) {
      throw new ConfigException(
          "endpoints", "this controller serves no domain: endpoints cannot name domains");
    }
  }

  private static InterDomainSpec spec(ObjectNode o, String pathName) {
    Requests.known(
        o,
        "",
        Set.of("name", "tenant", "endpoints", "cirBps", "pirBps", "burstMs", "trafficClass"));
    String name = pathName != null ? pathName : Requests.text(o, "name", "name", true);
    if (pathName != null
        && o.has("name")
        && !pathName.equals(Requests.text(o, "name", "name", true))) {
      throw new ConfigException("name", "differs from the slice named in the path");
    }
    String tenant = Requests.text(o, "tenant", "tenant", false);
    JsonNode eps = o.get("endpoints");
    if (eps == null || !eps.isArray() || eps.size() < 2) {
      throw new ConfigException("endpoints", "a list of at least two endpoints is required");
    }
    List<DomainEndpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < eps.size(); i++) {
      String at = "endpoints[" + i + "]";
      JsonNode e = eps.get(i);
      try {
        if (e.isTextual()) {
          endpoints.add(DomainEndpoint.parse(e.asText()));
        } else if (e instanceof ObjectNode n) {
          Requests.known(n, at + ".", Set.of("domain", "device", "port", "vlan"));
          endpoints.add(
              new DomainEndpoint(
                  Requests.text(n, "domain", at + ".domain", true),
                  Requests.text(n, "device", at + ".device", true),
                  (int) Requests.integer(n, "port", at + ".port", 1, 510, null),
                  n.has("vlan")
                      ? (int) Requests.integer(n, "vlan", at + ".vlan", 1, 4094, null)
                      : null));
        } else {
          throw new ConfigException(at, "needs \"domain:device:port[:vlan]\" or an object");
        }
      } catch (IllegalArgumentException x) {
        throw new ConfigException(at, x.getMessage());
      }
    }
    long cir = Requests.integer(o, "cirBps", "cirBps", 1, Long.MAX_VALUE, null);
    long pir = Requests.integer(o, "pirBps", "pirBps", 1, Long.MAX_VALUE, cir);
    int burst = (int) Requests.integer(o, "burstMs", "burstMs", 1, SliceSpec.MAX_BURST_MS, 0L);
    int tc = (int) Requests.integer(o, "trafficClass", "trafficClass", 0, 7, 0L);
    return new InterDomainSpec(name, tenant, endpoints, cir, pir, burst, tc);
  }
}
