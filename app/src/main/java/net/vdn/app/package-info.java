/** The main job: the VDN controller in front of an emulated network of softswitches. */
package net.vdn.app;
