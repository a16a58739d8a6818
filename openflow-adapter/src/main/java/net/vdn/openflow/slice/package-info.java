/**
 * Slice rules on OpenFlow 1.3 switches: their translation into flows, meters and groups, a mirror
 * of what each switch should hold, and reconciliation against what it does hold.
 */
package net.vdn.openflow.slice;
