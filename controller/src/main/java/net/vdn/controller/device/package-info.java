/**
 * Devices as the controller keeps them: a mirror of what each should hold, and reconciliation of a
 * device to its mirror after it (re)connects.
 */
package net.vdn.controller.device;
