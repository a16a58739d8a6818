/**
 * OpenFlow 1.3 switches that connect to the controller's listener: named {@code of:<datapath id>},
 * given the base rules and reconciled on every connect, packets in and out, port status.
 */
package net.vdn.controller.provider.openflow;
