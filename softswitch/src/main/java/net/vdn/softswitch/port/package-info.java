/** The softswitch's data ports: names, admin and link state, speed and counters. */
package net.vdn.softswitch.port;
