/**
 * The gNMI client's workings, not for use outside this module: the channel and its credentials,
 * requests and replies as gNMI messages, and how a broken subscription comes back.
 */
package net.vdn.gnmi.internal;
