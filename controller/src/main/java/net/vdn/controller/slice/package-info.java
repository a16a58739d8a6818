/**
 * Slices: what a tenant asks for ({@link net.vdn.controller.slice.SliceSpec}), what is in force
 * ({@link net.vdn.controller.slice.Slice}), and the service that admits, programs, re-routes and
 * counts them ({@link net.vdn.controller.slice.SliceService}) over the slice store.
 */
package net.vdn.controller.slice;
