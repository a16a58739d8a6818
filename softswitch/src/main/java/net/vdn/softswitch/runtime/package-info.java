/** Per-packet state (the packet header vector) and the bit-level helpers that read and write it. */
package net.vdn.softswitch.runtime;
