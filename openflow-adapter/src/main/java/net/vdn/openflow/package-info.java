/**
 * OpenFlow 1.3 southbound: a Netty listener switches connect to, and a handle per connected switch
 * for its ports, packet I/O, statistics and confirmed writes.
 */
package net.vdn.openflow;
