/** Hosts learned from the ARP frames switches copy to the controller, located at edge ports. */
package net.vdn.controller.host;
