/**
 * End-to-end benchmarks: each is a main program that measures VDN and its peer side by side in one
 * run and ends with a one-line summary.
 */
package net.vdn.bench;
