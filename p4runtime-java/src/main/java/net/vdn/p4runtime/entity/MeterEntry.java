package net.vdn.p4runtime.entity;

/** One cell of an indirect meter; a null config resets the cell to its default (no limit). */
public record MeterEntry(String meter, long index, MeterConfig config) implements Entity {}
