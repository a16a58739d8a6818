/**
 * Where the controller keeps what it accepted (slices), so a restart loses nothing: behind an
 * interface, embedded in a local file by default.
 */
package net.vdn.controller.store;
