package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.security.Caller;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers on one etcd with API tokens on: tokens, grants and the audit log are the
 * cluster's, so whatever one controller issues or grants the other honours, and what one refuses
 * (an overlapping grant, an ungranted port) the other refuses too.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class ClusterSecurityTest {
  private static final List<String> READY = List.of("true", "true", "true", "true");

  @TempDir Path dir;

  @Test
  void tokensGrantsAndAuditAreSharedByTheControllers() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir)) {
      Controller c1 = f.startHere(f.options("c1").withSecurity(SecurityOptions.apiTokens()));
      Controller c2 = f.startHere(f.options("c2").withSecurity(SecurityOptions.apiTokens()));
      String op = c1.firstOperatorToken().orElseThrow();
      assertThat(c2.firstOperatorToken())
          .as("the cluster has its operator token already")
          .isEmpty();
      Caller op1 = new Caller(c1.restPort(), op);
      Caller op2 = new Caller(c2.restPort(), op);
      assertThat(new Caller(c2.restPort(), null).get("/api/v1/cluster").code()).isEqualTo(401);
      assertThat(op2.get("/api/v1/cluster").code()).isEqualTo(200);
      ControllerFixture.await(
          () -> {
            // Ready, and balanced over both members: c2 joined after c1 had taken every device,
            // and a slice asked while a device moves is refused with 503 (try again).
            JsonNode masters = op1.get("/api/v1/cluster").json().get("masters");
            return masters.size() == 4
                && masters.findValuesAsText("ready").equals(READY)
                && new java.util.HashSet<>(masters.findValuesAsText("master"))
                    .equals(java.util.Set.of("c1", "c2"));
          },
          Duration.ofSeconds(15),
          () -> op1.get("/api/v1/cluster").text());
      ControllerFixture.await(
          () -> op2.get("/api/v1/links").json().size() == 8,
          Duration.ofSeconds(15),
          () -> op2.get("/api/v1/links").text());

      // A tenant admin's token made through c1, tenant a's ports granted through c2.
      Caller.Answer t =
          op1.call("POST", "/api/v1/tokens", "{\"tenant\": \"a\", \"role\": \"tenant-admin\"}");
      assertThat(t.code()).as(t.text()).isEqualTo(201);
      String admin = t.json().get("token").asText();
      for (String d : List.of("s1", "s3")) {
        Caller.Answer g =
            op2.call(
                "POST",
                "/api/v1/grants",
                "{\"tenant\": \"a\", \"device\": \"" + d + "\", \"port\": 10}");
        assertThat(g.code()).as(g.text()).isEqualTo(201);
      }
      Caller.Answer overlap =
          op1.call(
              "POST", "/api/v1/grants", "{\"tenant\": \"b\", \"device\": \"s1\", \"port\": 10}");
      assertThat(overlap.code()).as(overlap.text()).isEqualTo(409);

      // The tenant uses its ports through c2 and is refused another's through c1.
      Caller a2 = new Caller(c2.restPort(), admin);
      Caller a1 = new Caller(c1.restPort(), admin);
      Caller.Answer created =
          a2.call("POST", "/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 1_000_000));
      assertThat(created.code()).as(created.text()).isEqualTo(201);
      Caller.Answer refused =
          a1.call("POST", "/api/v1/slices", ControllerFixture.slice("b", "a", 102, 11, 1_000_000));
      assertThat(refused.code()).as(refused.text()).isEqualTo(403);
      assertThat(refused.text()).contains("is not granted to tenant 'a'");
      assertThat(op1.get("/api/v1/slices").json()).hasSize(1);

      // Revoking through c1 a grant the slice uses is refused; the slice gone, it is taken back.
      String grant = "/api/v1/grants/a/s1/10";
      assertThat(op1.call("DELETE", grant, null).code()).isEqualTo(409);
      assertThat(a1.call("DELETE", "/api/v1/slices/a", null).code()).isEqualTo(204);
      assertThat(op1.call("DELETE", grant, null).code()).isEqualTo(204);
      assertThat(op2.get("/api/v1/grants").json()).hasSize(1);

      // One audit log: c2's answers and c1's, in the order they were given.
      List<String> expected =
          List.of(
              "POST /api/v1/tokens",
              "POST /api/v1/grants",
              "POST /api/v1/grants",
              "POST /api/v1/grants",
              "POST /api/v1/slices",
              "POST /api/v1/slices",
              "DELETE /api/v1/grants/a/s1/10",
              "DELETE /api/v1/slices/a",
              "DELETE /api/v1/grants/a/s1/10");
      ControllerFixture.await(
          () ->
              op2.get("/api/v1/audit?limit=100").json().findValuesAsText("action").equals(expected),
          Duration.ofSeconds(5),
          () -> op2.get("/api/v1/audit?limit=100").text());
    }
  }
}
