/** The softswitch's gNMI server: OpenConfig interface configuration, state and counters. */
package net.vdn.softswitch.gnmi;
