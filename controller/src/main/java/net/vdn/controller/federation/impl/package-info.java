/** The federation service: the requesting side, the held reservations, and the peering API. */
package net.vdn.controller.federation.impl;
