/**
 * The mapping between the client's values (paths, typed values, notifications) and gNMI's generated
 * messages, for the client and for servers that speak gNMI.
 */
package net.vdn.gnmi.wire;
