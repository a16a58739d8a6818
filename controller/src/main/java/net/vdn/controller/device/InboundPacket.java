package net.vdn.controller.device;

/** A frame a device sent to the controller, and the port it arrived on. */
public record InboundPacket(ConnectPoint receivedFrom, byte[] frame) {}
