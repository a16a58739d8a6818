/** Hosts learned from the ARP frames switches copy to the controller. */
package net.vdn.controller.host;
