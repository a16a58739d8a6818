/** The stores in a local file: a JSON snapshot and an append-only journal beside it. */
package net.vdn.controller.store.file;
