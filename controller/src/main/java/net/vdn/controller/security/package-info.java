/**
 * Tenants and security: who calls (principals from API tokens, OIDC bearer JWTs or SAML sign-in),
 * what each role may do, the edge ports granted to tenants, and the audit log of every change; the
 * stores of tokens, grants and audit records. The implementation is in {@code security.impl}.
 */
package net.vdn.controller.security;
