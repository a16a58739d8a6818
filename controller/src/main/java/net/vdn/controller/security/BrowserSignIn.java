package net.vdn.controller.security;

import java.util.List;

/**
 * Browser sign-in through SAML 2.0 identity providers: the discovery page's choices, the redirect
 * to the chosen IdP, and the IdP's answer turned into a session.
 */
public interface BrowserSignIn {
  /** An IdP on the discovery page. */
  record Choice(String name, String displayName) {}

  /** A signed-in browser: its session cookie's value, who it is, and how long it lasts. */
  record Session(String id, Principal principal, long maxAgeSeconds) {}

  List<Choice> identityProviders();

  /**
   * Where to send the browser to sign in at an IdP (an HTTP-Redirect binding URL).
   *
   * @param returnTo a local path to come back to after sign-in
   */
  String redirect(String idp, String returnTo);

  /**
   * Checks an IdP's answer (the POSTed {@code SAMLResponse}) and opens a session; refused with
   * {@code UnauthenticatedException} when it does not check out.
   */
  Session consume(String samlResponse, String relayState);

  /** The path the RelayState asked to return to, when it is a local path; "/" otherwise. */
  String returnPath(String relayState);

  /** This SP's metadata (XML), for the IdPs' administrators. */
  String metadata();

  void signOut(String session);
}
