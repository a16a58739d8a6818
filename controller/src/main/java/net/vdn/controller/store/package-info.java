/**
 * Where the controller keeps what it accepted, behind the stores its domains declare ({@code
 * SliceStore}, {@code ReservationStore}, {@code DeviceStore}, {@code OpticalStore}): a local file
 * (the embedded default, {@code file}) or memory (tests, {@code memory}).
 */
package net.vdn.controller.store;
