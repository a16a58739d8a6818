package net.vdn.p4runtime.entity;

import net.vdn.p4runtime.Value;

/** One cell of a register of bit-string type. */
public record RegisterEntry(String register, long index, Value value) implements Entity {}
