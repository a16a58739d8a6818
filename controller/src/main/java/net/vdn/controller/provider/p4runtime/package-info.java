/**
 * P4Runtime devices (Stratum, BMv2, the softswitch): connection as primary, the slicing pipeline by
 * cookie, ports over gNMI, a mirror of what each device should hold and reconciliation to it on
 * every (re)connect, packets in and out through the CPU port.
 */
package net.vdn.controller.provider.p4runtime;
