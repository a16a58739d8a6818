/**
 * What a southbound protocol implements to feed the device inventory: a provider owns its devices'
 * connections, mirrors and reconciliation, and reports devices, ports and packets as protocol-
 * neutral events.
 */
package net.vdn.controller.device.spi;
