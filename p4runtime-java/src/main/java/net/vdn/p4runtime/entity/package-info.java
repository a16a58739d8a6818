/**
 * P4Runtime entities as immutable values named the way the P4 program names them, and the codec
 * that validates them against P4Info and turns them into wire messages and back.
 */
package net.vdn.p4runtime.entity;
