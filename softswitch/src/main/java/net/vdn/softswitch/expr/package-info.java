/** BMv2 JSON expressions compiled into small node objects evaluated on the packet header vector. */
package net.vdn.softswitch.expr;
