/** Checks that the committed compiled outputs of p4src are what p4c makes of its source. */
package net.vdn.ptf.p4src;
