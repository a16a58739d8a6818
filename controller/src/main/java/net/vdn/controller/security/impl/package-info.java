/**
 * The security service's implementation: API tokens, OIDC bearer JWTs (Nimbus JOSE+JWT), SAML
 * sign-in (OneLogin's java-saml core, XML security by Apache Santuario), tenant-scoped slices.
 */
package net.vdn.controller.security.impl;
