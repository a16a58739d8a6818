/**
 * The controller as operators run it on real switches: the same scenarios on BMv2 and on
 * softswitches, over the Linux rig of the emulation module (hosts in namespaces, veth links).
 */
package net.vdn.controller.rig;
