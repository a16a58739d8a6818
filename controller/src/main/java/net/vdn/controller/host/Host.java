package net.vdn.controller.host;

import net.vdn.controller.topology.ConnectPoint;

/** A host: its MAC and IPv4 address and the edge port it is attached to. */
public record Host(String mac, String ip, ConnectPoint location) {}
