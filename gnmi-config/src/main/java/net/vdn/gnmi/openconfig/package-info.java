/**
 * OpenConfig interface configuration, state and counters over gNMI, limited to the leaves Stratum
 * supports: enabled, health indicator, port speed, MAC address, oper/admin status, counters.
 */
package net.vdn.gnmi.openconfig;
