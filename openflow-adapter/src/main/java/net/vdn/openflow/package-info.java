/**
 * Public API of the OpenFlow 1.3 southbound: the listener switches connect to ({@link
 * net.vdn.openflow.OpenFlowServer}) and a handle per connected switch for its ports, packet I/O,
 * statistics and confirmed writes ({@link net.vdn.openflow.OpenFlowSwitch}).
 */
package net.vdn.openflow;
