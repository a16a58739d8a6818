/**
 * Optical devices in the inventory (their drivers, over NETCONF or TL1) and the wavelengths slices
 * hold on the routes between sites.
 */
package net.vdn.controller.optical.impl;
