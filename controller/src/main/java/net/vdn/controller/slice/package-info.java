/** Slices: what a tenant asked for, and the slice rules each device needs to carry it. */
package net.vdn.controller.slice;
