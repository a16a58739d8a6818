package net.vdn.controller.security;

import java.util.List;

/** The audit log: append-only, durable when an append returns; nothing is ever changed in it. */
public interface AuditStore {
  void append(AuditRecord record);

  /** The newest {@code limit} records, oldest first. */
  List<AuditRecord> auditTail(int limit);
}
