/**
 * Public API for slices on OpenFlow 1.3 switches: {@link net.vdn.openflow.slice.OpenFlowDevice}
 * installs slice rules as flows, meters and groups, mirrors them, and reconciles the switch.
 */
package net.vdn.openflow.slice;
