package net.vdn.p4runtime.entity;

/** One cell of an indirect counter. */
public record CounterEntry(String counter, long index, CounterData data) implements Entity {}
