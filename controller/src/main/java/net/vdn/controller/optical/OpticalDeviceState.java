package net.vdn.controller.optical;

/** An optical device as declared, and whether the controller holds a session to it now. */
public record OpticalDeviceState(OpticalDeviceConfig config, boolean connected) {}
