/**
 * The device inventory: every device the controller drives, whatever it speaks, with its ports,
 * port events and packets, behind {@link net.vdn.controller.device.DeviceService}. Protocol
 * providers ({@code spi}) feed it; the slice service programs devices through {@link
 * net.vdn.controller.device.SliceDevice}.
 */
package net.vdn.controller.device;
