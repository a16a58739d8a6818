/** Optical devices, routes between sites, and the wavelengths slices hold on them. */
package net.vdn.controller.optical;
