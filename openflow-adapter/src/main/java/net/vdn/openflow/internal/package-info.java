/**
 * Not API: how the adapter speaks OpenFlow 1.3 on one connection (framing, HELLO negotiation,
 * handshake, echo keep-alive, requests correlated by xid). Callers use {@link net.vdn.openflow}.
 */
package net.vdn.openflow.internal;
