/**
 * Byte-exact frame building (Ethernet, 802.1Q, IPv4, TCP, UDP, ARP, LLDP) with correct checksums.
 */
package net.vdn.ptf.packet;
