package net.vdn.p4runtime.entity;

/** The direct meter cell of a table entry (only the entry's key is used). */
public record DirectMeterEntry(TableEntry entry, MeterConfig config) implements Entity {}
