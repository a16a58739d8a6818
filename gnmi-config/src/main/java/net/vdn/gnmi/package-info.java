/**
 * A gNMI client, the module's public API: paths in their string form, typed values, Capabilities,
 * Get, Set transactions and subscriptions delivered as events, without generated protobuf classes.
 */
package net.vdn.gnmi;
