package net.vdn.p4runtime.entity;

/** Enables a digest and sets how the target batches its lists. */
public record DigestConfig(String digest, long maxTimeoutNs, int maxListSize, long ackTimeoutNs)
    implements Entity {}
