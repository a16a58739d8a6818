/**
 * The mapping between the client's values (paths, typed values, notifications) and gNMI's generated
 * messages. Public API for gNMI servers and tools (the softswitch's gNMI server uses it).
 */
package net.vdn.gnmi.wire;
