/**
 * Public API for optical channels under VDN slices: the {@link net.vdn.optical.OpticalDevice}
 * abstraction and its NETCONF and TL1 drivers.
 */
package net.vdn.optical;
