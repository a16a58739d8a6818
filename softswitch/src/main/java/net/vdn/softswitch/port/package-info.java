/**
 * The softswitch's data ports: names, admin and link state, speed and counters, and the ways a port
 * reaches the outside (a Linux interface through a packet socket, UDP to a relay).
 */
package net.vdn.softswitch.port;
