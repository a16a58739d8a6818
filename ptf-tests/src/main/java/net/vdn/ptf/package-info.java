/**
 * A packet-test framework in the spirit of PTF: send frames into switch ports, expect frames (exact
 * or masked) out of ports, packet-ins on the P4Runtime stream, and read counters and meters by
 * name. {@link net.vdn.ptf.DataplaneTarget} hides how frames reach a target's ports.
 */
package net.vdn.ptf;
