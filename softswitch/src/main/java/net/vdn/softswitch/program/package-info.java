/**
 * Loading of the BMv2 JSON that p4c emits: the header layout, the JSON accessors and the errors
 * that name the object at fault.
 */
package net.vdn.softswitch.program;
