/**
 * The client's workings, not for use outside this module: the codecs that check entities against
 * P4Info and turn them into wire messages and back. Nothing outside p4runtime-java depends on it.
 */
package net.vdn.p4runtime.internal;
