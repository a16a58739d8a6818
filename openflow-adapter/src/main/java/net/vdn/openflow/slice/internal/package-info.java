/**
 * Not API: slice rules translated into OpenFlow 1.3 flows, groups and meters (one class per table),
 * and the changes that turn what a switch holds into what it should hold. Callers use {@link
 * net.vdn.openflow.slice.OpenFlowDevice}.
 */
package net.vdn.openflow.slice.internal;
