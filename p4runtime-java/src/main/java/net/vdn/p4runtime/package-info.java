/**
 * A P4Runtime client that works by name, the module's public API: connect, become primary, push a
 * pipeline, write and read entities and exchange packets without touching generated classes.
 */
package net.vdn.p4runtime;
