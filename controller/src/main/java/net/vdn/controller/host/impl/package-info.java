/** Host learning from ARP packet-ins, trusting edge ports only. */
package net.vdn.controller.host.impl;
