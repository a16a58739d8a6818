/**
 * Optical devices, routes between sites, and the dedicated wavelengths slices hold on them, behind
 * {@link net.vdn.controller.optical.OpticalService}.
 */
package net.vdn.controller.optical;
