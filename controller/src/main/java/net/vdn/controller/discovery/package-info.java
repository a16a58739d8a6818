/** Links found by LLDP: probes sent as packet-outs, learned from the packet-ins they cause. */
package net.vdn.controller.discovery;
