/**
 * The network's links as discovered (LLDP probes through every device's ports, aged out when they
 * stop answering, taken down with their ports) behind {@link
 * net.vdn.controller.topology.TopologyService}.
 */
package net.vdn.controller.topology;
