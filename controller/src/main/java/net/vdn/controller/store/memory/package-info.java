/** The stores in memory: for tests, and for reservations, which the file store derives. */
package net.vdn.controller.store.memory;
