/**
 * Paths for slices: a ledger of the bandwidth reserved on every link direction, and constrained
 * shortest paths over the capacity that is left.
 */
package net.vdn.controller.path;
