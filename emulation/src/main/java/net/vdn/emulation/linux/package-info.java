/**
 * A network of real switches on this Linux machine: hosts in network namespaces, links as veth
 * pairs, switches that are BMv2 processes or softswitches bound to the interfaces, and iperf3
 * between hosts. For end-to-end tests and benchmarks that need real stacks and real targets (root).
 */
package net.vdn.emulation.linux;
