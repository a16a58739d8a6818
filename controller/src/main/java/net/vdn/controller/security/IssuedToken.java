package net.vdn.controller.security;

/**
 * A token just created: what is kept, and the one time its full value ({@code vdn_<id>_<secret>})
 * is shown.
 */
public record IssuedToken(ApiToken token, String value) {}
