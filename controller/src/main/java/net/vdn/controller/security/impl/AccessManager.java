package net.vdn.controller.security.impl;

import java.util.List;
import java.util.Optional;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.error.UnauthenticatedException;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.AuditStore;
import net.vdn.controller.security.BrowserSignIn;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.GrantStore;
import net.vdn.controller.security.IssuedToken;
import net.vdn.controller.security.Principal;
import net.vdn.controller.security.Role;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.security.SecurityService;
import net.vdn.controller.security.TokenStore;
import net.vdn.controller.slice.Slice;
import net.vdn.controller.slice.SliceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security service: credentials to principals (API tokens, OIDC bearer JWTs, SAML sessions),
 * tenant-scoped slices, tokens, grants and the audit log over their stores.
 */
public final class AccessManager implements SecurityService {
  private static final Logger log = LoggerFactory.getLogger(AccessManager.class);
  private static final int MAX_DESCRIPTION = 200;

  private final SecurityOptions.Auth options;
  private final SliceService slices;
  private final TokenStore tokenStore;
  private final GrantStore grants;
  private final AuditStore audit;
  private final ApiTokens tokens;
  private final OidcTokens oidc;
  private final SamlSignIn saml;

  public <S extends TokenStore & GrantStore & AuditStore> AccessManager(
      SecurityOptions.Auth options, S store, SliceService slices) {
    this.options = options;
    this.slices = slices;
    this.tokenStore = store;
    this.grants = store;
    this.audit = store;
    this.tokens = new ApiTokens(store);
    this.oidc = options.enabled() && options.oidc() != null ? new OidcTokens(options.oidc()) : null;
    this.saml = options.enabled() && options.saml() != null ? new SamlSignIn(options.saml()) : null;
  }

  @Override
  public boolean enabled() {
    return options.enabled();
  }

  /**
   * At the first start with API tokens on: an operator token, when the store holds none (its value
   * is shown once, by the caller). Empty otherwise.
   */
  public Optional<IssuedToken> firstOperatorToken() {
    if (!options.enabled() || !options.apiTokens() || !options.firstOperatorToken()) {
      return Optional.empty();
    }
    if (tokenStore.tokens().stream().anyMatch(t -> t.role() == Role.OPERATOR)) {
      return Optional.empty();
    }
    Optional<IssuedToken> t = tokens.createFirstOperator("first operator token");
    t.ifPresent(x -> log.info("security: first operator token {} created", x.token().id()));
    return t;
  }

  @Override
  public Principal authenticate(String authorization, String session) {
    if (!options.enabled()) {
      return Principal.UNAUTHENTICATED_OPERATOR;
    }
    if (authorization != null && !authorization.isBlank()) {
      String a = authorization.trim();
      if (a.length() < 8 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new UnauthenticatedException("only 'Authorization: Bearer <token>' is accepted");
      }
      String value = a.substring(7).trim();
      if (value.startsWith("vdn_")) {
        if (options.apiTokens()) {
          Optional<ApiToken> t = tokens.check(value);
          if (t.isPresent()) {
            return t.get().principal();
          }
        }
        throw new UnauthenticatedException("the bearer token is not valid");
      }
      if (oidc != null) {
        return oidc.check(value);
      }
      throw new UnauthenticatedException("the bearer token is not valid");
    }
    if (session != null && saml != null) {
      return saml.session(session);
    }
    throw new UnauthenticatedException("credentials required: 'Authorization: Bearer <token>'");
  }

  @Override
  public SliceService slices(Principal caller) {
    return caller.operator() ? new TenantSlices(slices, caller, List::of) : scoped(caller);
  }

  private SliceService scoped(Principal caller) {
    return new TenantSlices(slices, caller, grants::grants);
  }

  @Override
  public IssuedToken createToken(String tenant, Role role, String description) {
    if (role == null) {
      throw new ConfigException("role", "required");
    }
    if (role == Role.OPERATOR && tenant != null) {
      throw new ConfigException("tenant", "an operator token has no tenant");
    }
    if (role != Role.OPERATOR) {
      Principal.checkTenant("tenant", tenant);
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new ConfigException("description", "at most " + MAX_DESCRIPTION + " characters");
    }
    IssuedToken t = tokens.create(tenant, role, description);
    log.info("security: token {} created ({} {})", t.token().id(), role, tenant);
    return t;
  }

  @Override
  public List<ApiToken> tokens() {
    return tokenStore.tokens();
  }

  @Override
  public void revokeToken(String id) {
    if (tokenStore.token(id).isEmpty()) {
      throw new NotFoundException("no token '" + id + "'");
    }
    tokenStore.removeToken(id);
    log.info("security: token {} revoked", id);
  }

  @Override
  public List<Grant> grants(Principal caller) {
    List<Grant> all = grants.grants();
    return caller.operator()
        ? all
        : all.stream().filter(g -> g.tenant().equals(caller.tenant())).toList();
  }

  @Override
  public synchronized Grant grant(Grant grant) {
    for (Grant g : grants.grants()) {
      if (g.overlaps(grant) && !g.tenant().equals(grant.tenant())) {
        throw new DuplicateException(
            "grant " + grant.device() + ":" + grant.port() + " overlaps the grant " + g);
      }
    }
    grants.putGrant(grant);
    log.info("security: granted {}", grant);
    return grant;
  }

  @Override
  public synchronized void revoke(Grant grant) {
    if (!grants.grants().contains(grant)) {
      throw new NotFoundException("no grant " + grant);
    }
    for (Slice s : slices.list()) {
      boolean uses =
          grant.tenant().equals(s.spec().tenant())
              && s.spec().endpoints().stream()
                  .anyMatch(e -> grant.covers(e.device(), e.port(), null));
      if (uses) {
        throw new DuplicateException(
            "slice '" + s.name() + "' uses the grant " + grant + "; delete it first");
      }
    }
    grants.removeGrant(grant);
    log.info("security: grant {} taken back", grant);
  }

  @Override
  public void audit(AuditRecord record) {
    audit.append(record);
  }

  @Override
  public List<AuditRecord> audit(int limit) {
    return audit.auditTail(limit);
  }

  @Override
  public Optional<BrowserSignIn> browserSignIn() {
    return Optional.ofNullable(saml);
  }
}
