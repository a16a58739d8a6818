/**
 * BMv2 {@code simple_switch_grpc} as a packet-test target: P4Runtime for programming, its dataplane
 * gRPC service for frames in and out of ports.
 */
package net.vdn.ptf.bmv2;
