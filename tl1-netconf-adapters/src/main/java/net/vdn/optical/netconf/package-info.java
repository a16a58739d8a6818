/**
 * Public API of the NETCONF client (RFC 6241) over SSH (RFC 6242): hello and capabilities, both
 * framings, every base operation, notifications, and rpc-errors as typed exceptions. {@link
 * net.vdn.optical.netconf.NetconfClient} is the entry point.
 */
package net.vdn.optical.netconf;
