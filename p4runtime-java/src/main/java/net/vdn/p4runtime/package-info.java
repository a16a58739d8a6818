/**
 * A P4Runtime client that works by name: connect, become primary, push a pipeline, write and read
 * entities and exchange packets without touching generated protobuf classes.
 */
package net.vdn.p4runtime;
