package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditScopeTest {
  private static final AuditRecord CREATED =
      new AuditRecord(
          "2026-12-05T00:00:00Z",
          "r-1",
          "alice",
          "t1",
          "tenant-admin",
          "POST /api/v1/slices",
          "a",
          201,
          "ok",
          null);

  @Test
  void outsideAChangeThereIsNothingToTake() {
    assertThat(AuditScope.take()).isEmpty();
  }

  @Test
  void aChangesRecordIsTakenOnceDatedWhenTakenAndKeptOnlyWhenSaid() {
    AuditScope scope = new AuditScope(CREATED);
    List<Optional<AuditScope>> taken = new ArrayList<>();
    scope.run(
        () -> {
          taken.add(AuditScope.take());
          taken.add(AuditScope.take());
          return null;
        });
    assertThat(taken.get(0)).containsSame(scope);
    assertThat(taken.get(1)).as("a second write of the same change carries no record").isEmpty();
    assertThat(scope.isKept()).as("taken is not kept").isFalse();
    assertThat(scope.record().time()).isNotEqualTo(CREATED.time());
    assertThat(scope.record()).usingRecursiveComparison().ignoringFields("time").isEqualTo(CREATED);
    scope.kept();
    assertThat(scope.isKept()).isTrue();
    assertThat(AuditScope.take()).as("the scope ends with the change").isEmpty();
  }

  @Test
  void eachChangeHasItsOwnScope() throws Exception {
    AuditScope first = new AuditScope(CREATED);
    AuditScope second = new AuditScope(CREATED);
    List<Optional<AuditScope>> taken = new ArrayList<>();
    first.run(
        () -> {
          Thread t =
              Thread.ofVirtual()
                  .start(
                      () ->
                          second.run(
                              () -> {
                                taken.add(AuditScope.take());
                                return null;
                              }));
          t.join();
          taken.add(AuditScope.take());
          return null;
        });
    assertThat(taken.get(0)).containsSame(second);
    assertThat(taken.get(1)).containsSame(first);
  }
}
