package net.vdn.p4runtime.entity;

/** Anything a client writes to or reads from a P4Runtime target, named as in the program. */
public sealed interface Entity
    permits TableEntry,
        ActionProfileMember,
        ActionProfileGroup,
        CounterEntry,
        DirectCounterEntry,
        MeterEntry,
        DirectMeterEntry,
        RegisterEntry,
        MulticastGroup,
        CloneSession,
        DigestConfig {}
