package net.vdn.controller.federation.impl;

/**
 * A segment's VLAN, or the VLAN on one of its border links, was taken meanwhile, typically by
 * another domain's request choosing the same free VLAN at the same moment. Peers answer it as 409
 * {@code VLAN_TAKEN}; the requesting domain chooses again.
 */
final class VlanTakenException extends RuntimeException {
  VlanTakenException(String message) {
    super(message);
  }
}
