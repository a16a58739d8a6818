/**
 * Not API: TL1 on the wire for {@link net.vdn.optical.tl1.Tl1Client}: the grammar of output
 * messages, framing of the byte stream, correlation of answers by CTAG, and the connection kept
 * logged in (keep-alive, reconnect, re-login).
 */
package net.vdn.optical.tl1.internal;
