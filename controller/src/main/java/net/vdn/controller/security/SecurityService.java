package net.vdn.controller.security;

import java.util.List;
import java.util.Optional;
import net.vdn.controller.slice.SliceService;

/**
 * Who may do what: authenticates callers, gives each the slices it may see and change, keeps the
 * tokens and the grants, and the audit log. Refusals: {@code UnauthenticatedException} (401),
 * {@code ForbiddenException} (403), {@code NotFoundException} (404, also for what exists but
 * belongs to another tenant), {@code DuplicateException} (409).
 */
public interface SecurityService {
  /** Whether callers must prove who they are; when not, every caller is an operator. */
  boolean enabled();

  /**
   * The caller behind a request's credentials.
   *
   * @param authorization the {@code Authorization} header ({@code Bearer ...}), or null
   * @param session the browser session cookie's value, or null
   */
  Principal authenticate(String authorization, String session);

  /**
   * The slice service as this caller may use it: an operator sees every slice; a tenant sees only
   * its own (others are not found), creates them only on its granted edge ports and only as its
   * tenant, and changes them only as a tenant admin.
   */
  SliceService slices(Principal caller);

  /** Creates an API token; its value is in the answer and nowhere else. */
  IssuedToken createToken(String tenant, Role role, String description);

  List<ApiToken> tokens();

  void revokeToken(String id);

  /** The grants this caller may see: all for operators, its tenant's for a tenant. */
  List<Grant> grants(Principal caller);

  /** Grants an edge port (or a VLAN on it); refused when it overlaps another tenant's grant. */
  Grant grant(Grant grant);

  void revoke(Grant grant);

  /** Appends to the audit log. */
  void audit(AuditRecord record);

  /** The newest records of the audit log, oldest first. */
  List<AuditRecord> audit(int limit);

  /** SAML browser sign-in, when configured. */
  Optional<BrowserSignIn> browserSignIn();
}
