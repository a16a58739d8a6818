/**
 * The softswitch: an embedded v1model P4 target that runs p4c's BMv2 JSON. {@link
 * net.vdn.softswitch.Switch} is the entry point.
 */
package net.vdn.softswitch;
