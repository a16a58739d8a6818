/**
 * The slicing pipeline as the controller sees it: its compiled outputs, its names as constants, and
 * the translation of device-independent slice rules into P4Runtime entities.
 */
package net.vdn.pipeconf;
