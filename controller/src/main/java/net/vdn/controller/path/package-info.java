/**
 * Paths and capacity: what every link direction has promised (reservations, kept in a {@link
 * net.vdn.controller.path.ReservationStore}), and constrained shortest paths over what is left, in
 * both directions of every link a slice uses.
 */
package net.vdn.controller.path;
