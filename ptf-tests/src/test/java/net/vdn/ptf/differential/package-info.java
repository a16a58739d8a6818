/** The same programs and frames on BMv2 and on the softswitch, compared byte for byte. */
package net.vdn.ptf.differential;
