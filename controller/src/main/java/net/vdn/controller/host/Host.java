package net.vdn.controller.host;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;

/** A host: its MAC and IPv4 address and the edge port it is attached to. */
public record Host(MacAddress mac, Ipv4Address ip, ConnectPoint location) {}
