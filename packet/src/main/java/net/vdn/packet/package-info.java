/**
 * Network addresses and frame formats as values: parsed from text and bytes and written back in one
 * place, for the controller, the adapters, the softswitch and the tests alike.
 */
package net.vdn.packet;
