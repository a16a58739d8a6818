package net.vdn.p4runtime.entity;

/** The direct counter cell of a table entry (only the entry's key is used). */
public record DirectCounterEntry(TableEntry entry, CounterData data) implements Entity {}
