package net.vdn.openflow;

/**
 * A frame a switch sent to the controller: the port it arrived on, the whole frame, why it was sent
 * (OpenFlow reason name: ACTION, NO_MATCH, ...), and the table and flow cookie that sent it.
 */
public record PacketIn(int inPort, byte[] frame, String reason, int tableId, long cookie) {}
