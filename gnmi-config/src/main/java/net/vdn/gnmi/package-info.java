/**
 * A gNMI client: paths in their string form, typed values, Capabilities, Get, Set transactions and
 * subscriptions delivered as events, without touching generated protobuf classes.
 */
package net.vdn.gnmi;
