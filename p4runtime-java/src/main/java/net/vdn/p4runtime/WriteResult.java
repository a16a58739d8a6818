package net.vdn.p4runtime;

import java.util.List;

/** The results of a write batch, one per update in the order sent. */
public record WriteResult(List<UpdateResult> results) {
  public WriteResult {
    results = List.copyOf(results);
  }

  public boolean allOk() {
    return results.stream().allMatch(UpdateResult::ok);
  }

  public List<UpdateResult> failures() {
    return results.stream().filter(r -> !r.ok()).toList();
  }

  public String summary() {
    List<UpdateResult> failed = failures();
    if (failed.isEmpty()) {
      return results.size() + " updates succeeded";
    }
    return failed.size() + " of " + results.size() + " updates failed: " + failed;
  }
}
