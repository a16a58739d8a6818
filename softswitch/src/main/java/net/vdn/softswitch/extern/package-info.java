/** Stateful v1model externs: counters, two-rate three-color meters, registers, hash algorithms. */
package net.vdn.softswitch.extern;
