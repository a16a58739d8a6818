/**
 * Network emulation: softswitches wired by virtual links with capacity, latency and up/down state,
 * emulated hosts, and topologies from a file or built in (KREONET-S).
 */
package net.vdn.emulation;
