/** The device inventory's implementation: routes each device to its provider, fans events out. */
package net.vdn.controller.device.impl;
