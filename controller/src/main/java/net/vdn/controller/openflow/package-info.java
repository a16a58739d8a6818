/** OpenFlow 1.3 switches as devices that carry slices. */
package net.vdn.controller.openflow;
