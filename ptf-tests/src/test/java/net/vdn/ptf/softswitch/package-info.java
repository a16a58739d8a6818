/** The softswitch as a packet-test target. */
package net.vdn.ptf.softswitch;
