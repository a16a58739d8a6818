package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.security.Caller;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants of domain a ask for inter-domain slices themselves: a tenant admin creates, reads,
 * changes and deletes its own, with its endpoint in a on a port granted to it (domain b admits per
 * its peering with a); it never sees nor touches another tenant's, never uses another's port, and a
 * tenant viewer only reads.
 */
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class TenantInterDomainTest {
  @TempDir Path dir;

  private static Caller tokenFor(Caller op, String tenant, String role) {
    Caller.Answer a =
        op.call(
            "POST",
            "/api/v1/tokens",
            "{\"tenant\": \"" + tenant + "\", \"role\": \"" + role + "\"}");
    assertThat(a.code()).as(a.text()).isEqualTo(201);
    return op.as(a.json().get("token").asText());
  }

  private static List<String> names(Caller c) {
    List<String> out = new ArrayList<>();
    c.get("/api/v1/slices").json().forEach(s -> out.add(s.get("name").asText()));
    return out;
  }

  @Test
  void aTenantRunsItsOwnInterDomainSliceAndNoOneElses() throws Exception {
    try (TwoDomains t = TwoDomains.startWithTokensOnA(dir)) {
      var bare = t.entries();
      Caller op = new Caller(t.a.restPort(), t.a.firstOperatorToken().orElseThrow());
      Caller one = tokenFor(op, "t1", "tenant-admin");
      Caller oneViewer = tokenFor(op, "t1", "tenant-viewer");
      Caller two = tokenFor(op, "t2", "tenant-admin");
      for (String g :
          List.of(
              "{\"tenant\": \"t1\", \"device\": \"s1\", \"port\": 10}",
              "{\"tenant\": \"t2\", \"device\": \"s1\", \"port\": 11}")) {
        assertThat(op.call("POST", "/api/v1/grants", g).code()).isEqualTo(201);
      }

      // Not on its grants, not as another tenant, not as a viewer: refused, nothing held.
      for (var refused :
          List.of(
              one.call(
                  "POST",
                  "/api/v1/slices",
                  InterDomainSliceTest.body("n", "a:s1:11", "b:b2:11", 1_000_000)),
              one.call(
                  "POST",
                  "/api/v1/slices",
                  InterDomainSliceTest.body("n", "a:s1:10", "b:b2:10", 1_000_000)
                      .replace("{", "{\"tenant\": \"t2\", ")),
              oneViewer.call(
                  "POST",
                  "/api/v1/slices",
                  InterDomainSliceTest.body("n", "a:s1:10", "b:b2:10", 1_000_000)))) {
        assertThat(refused.code()).as(refused.text()).isEqualTo(403);
      }
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();

      // An operator's slice of tenant t2 on t1's granted port: t1 is refused without its name.
      Caller.Answer hidden =
          op.call(
              "POST",
              "/api/v1/slices",
              """
              {"name": "hidden", "tenant": "t2", "sliceId": 900, "cirBps": 1000000,
               "endpoints": [{"device": "s1", "port": 10}, {"device": "s2", "port": 12}]}""");
      assertThat(hidden.code()).as(hidden.text()).isEqualTo(201);
      Caller.Answer clash =
          one.call(
              "POST",
              "/api/v1/slices",
              InterDomainSliceTest.body("n", "a:s1:10", "b:b2:10", 1_000_000));
      assertThat(clash.code()).as(clash.text()).isEqualTo(409);
      assertThat(clash.text()).doesNotContain("hidden").contains("another tenant");
      assertThat(op.call("DELETE", "/api/v1/slices/hidden", null).code()).isEqualTo(204);
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();

      Caller.Answer x =
          one.call(
              "POST",
              "/api/v1/slices",
              InterDomainSliceTest.body("x", "a:s1:10", "b:b2:10", 10_000_000));
      assertThat(x.code()).as(x.text()).isEqualTo(201);
      Caller.Answer shown = one.get("/api/v1/slices/x");
      assertThat(shown.code()).as(shown.text()).isEqualTo(200);
      assertThat(shown.json().get("tenant").asText()).isEqualTo("t1");
      assertThat(shown.json().get("domains").toString())
          .contains("\"domain\":\"b\"")
          .contains("\"state\":\"committed\"");
      assertThat(oneViewer.get("/api/v1/slices/x").code()).isEqualTo(200);
      JsonNode listed = one.get("/api/v1/slices").json().get(0);
      assertThat(listed.get("domains")).as("the list shows the segments too").hasSize(2);
      assertThat(listed.get("domains").get(1).get("vlan").asInt()).isEqualTo(100);
      assertThat(t.netA.host("h1").ping("10.0.0.101", Duration.ofSeconds(5)))
          .as("h1 -> g1 through tenant t1's slice")
          .isNotNull();

      Caller.Answer y =
          two.call(
              "POST",
              "/api/v1/slices",
              InterDomainSliceTest.body("y", "a:s1:11", "b:b2:11", 5_000_000));
      assertThat(y.code()).as(y.text()).isEqualTo(201);
      assertThat(names(one)).containsExactly("x");
      assertThat(names(two)).containsExactly("y");
      assertThat(names(op)).containsExactlyInAnyOrder("x", "y");
      assertThat(two.get("/api/v1/slices/x").code()).isEqualTo(404);
      String bigger = InterDomainSliceTest.body("x", "a:s1:10", "b:b2:10", 20_000_000);
      assertThat(two.call("PUT", "/api/v1/slices/x", bigger).code()).isEqualTo(404);
      assertThat(two.call("DELETE", "/api/v1/slices/x", null).code()).isEqualTo(404);
      assertThat(oneViewer.call("PUT", "/api/v1/slices/x", bigger).code()).isEqualTo(403);
      assertThat(oneViewer.call("DELETE", "/api/v1/slices/x", null).code()).isEqualTo(403);
      assertThat(t.b.services().slices().get("a.x").orElseThrow().spec().cirBps())
          .isEqualTo(10_000_000);

      Caller.Answer changed = one.call("PUT", "/api/v1/slices/x", bigger);
      assertThat(changed.code()).as(changed.text()).isEqualTo(200);
      assertThat(t.b.services().slices().get("a.x").orElseThrow().spec().cirBps())
          .isEqualTo(20_000_000);
      assertThat(t.a.services().slices().get("x").orElseThrow().spec().tenant()).isEqualTo("t1");

      assertThat(one.call("DELETE", "/api/v1/slices/x", null).code()).isEqualTo(204);
      assertThat(one.get("/api/v1/slices/x").code()).isEqualTo(404);
      assertThat(two.call("DELETE", "/api/v1/slices/y", null).code()).isEqualTo(204);
      assertThat(t.a.services().federation().holds()).isEmpty();
      assertThat(t.b.services().federation().holds()).isEmpty();
      assertThat(t.a.services().slices().list()).isEmpty();
      assertThat(t.b.services().slices().list()).isEmpty();
      assertThat(TwoDomains.reserved(t.a) + TwoDomains.reserved(t.b)).isZero();
      assertThat(t.entries()).isEqualTo(bare);
    }
  }
}
