/**
 * The packet tests of the slicing pipeline (p4src/slicing.p4): abstract suites written against
 * {@link net.vdn.ptf.DataplaneTarget}, and one test class per target that runs them.
 */
package net.vdn.ptf.slicing;
