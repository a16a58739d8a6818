package net.vdn.controller.security;

/**
 * One change asked of the controller and what became of it.
 *
 * @param time when it was answered, as an ISO-8601 instant
 * @param who the caller's subject ({@code anonymous} when it could not be authenticated)
 * @param tenant the caller's tenant, or null
 * @param role the caller's role, or null when unauthenticated
 * @param action method and path, e.g. {@code POST /api/v1/slices}
 * @param target what the change is about (a slice's or device's name), or null
 * @param status the HTTP status answered
 * @param outcome {@code ok}, {@code refused} (4xx) or {@code failed} (5xx)
 * @param message the refusal's message, or null
 */
public record AuditRecord(
    String time,
    String requestId,
    String who,
    String tenant,
    String role,
    String action,
    String target,
    int status,
    String outcome,
    String message) {}
