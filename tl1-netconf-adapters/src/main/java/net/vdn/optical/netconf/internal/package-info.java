/**
 * Not API: NETCONF on the wire for {@link net.vdn.optical.netconf.NetconfSession}: framing (both
 * kinds), hellos, rpcs correlated by message-id, replies read, XML built and parsed safely, and the
 * SSH transport.
 */
package net.vdn.optical.netconf.internal;
