/**
 * P4Runtime entities as immutable values named the way the P4 program names them: table entries and
 * their matches and actions, profile members and groups, counter, meter and register cells,
 * multicast groups, clone sessions and digest configurations.
 */
package net.vdn.p4runtime.entity;
