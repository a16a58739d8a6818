/** The network as the controller knows it: devices, their ports, and links with capacities. */
package net.vdn.controller.topology;
