/**
 * Public API of the TL1 client: commands, output messages and events, and {@link
 * net.vdn.optical.tl1.Tl1Client}, the entry point (CTAG correlation, keep-alive, re-login).
 */
package net.vdn.optical.tl1;
