package net.vdn.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.vdn.gnmi.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GnmiPathTest {
  @Test
  void parsesElementsAndKeys() {
    GnmiPath p = GnmiPath.parse("/interfaces/interface[name=1]/state/oper-status");
    assertThat(p.origin()).isEmpty();
    assertThat(p.elems())
        .containsExactly(
            PathElem.of("interfaces"),
            PathElem.of("interface", "name", "1"),
            PathElem.of("state"),
            PathElem.of("oper-status"));
    assertThat(p.keyOf("interface", "name")).isEqualTo("1");
  }

  @Test
  void parsesOriginBeforeTheFirstSlash() {
    GnmiPath p = GnmiPath.parse("openconfig:/interfaces/interface[name=eth0]");
    assertThat(p.origin()).isEqualTo("openconfig");
    assertThat(p.elems()).hasSize(2);
    assertThat(p).hasToString("openconfig:/interfaces/interface[name=eth0]");
    assertThat(GnmiPath.parse("openconfig:/")).isEqualTo(new GnmiPath("openconfig", List.of()));
  }

  @Test
  void colonInAnElementNameIsNotAnOrigin() {
    GnmiPath p = GnmiPath.parse("/openconfig-interfaces:interfaces/interface");
    assertThat(p.origin()).isEmpty();
    assertThat(p.elems().getFirst().name()).isEqualTo("openconfig-interfaces:interfaces");
  }

  @Test
  void printsSeveralKeysSortedByName() {
    GnmiPath p = GnmiPath.parse("/t/e[b=2][a=1]");
    assertThat(p.elems().get(1).keys()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(p).hasToString("/t/e[a=1][b=2]");
  }

  @Test
  void keyValuesHoldSlashesEqualsAndEscapedBrackets() {
    GnmiPath p = GnmiPath.parse("/a/b[name=eth1/2=x\\]y\\\\z[w]/c");
    assertThat(p.keyOf("b", "name")).isEqualTo("eth1/2=x]y\\z[w");
    assertThat(p).hasToString("/a/b[name=eth1/2=x\\]y\\\\z[w]/c");
  }

  @Test
  void escapedSlashIsReadAsASlashInValuesAndNames() {
    assertThat(GnmiPath.parse("/a[k=x\\/y]").keyOf("a", "k")).isEqualTo("x/y");
    GnmiPath p = GnmiPath.parse("/a\\/b/c");
    assertThat(p.elems()).containsExactly(PathElem.of("a/b"), PathElem.of("c"));
    assertThat(p).hasToString("/a\\/b/c");
  }

  @Test
  void emptyKeyValueIsAllowed() {
    assertThat(GnmiPath.parse("/a[k=]").keyOf("a", "k")).isEmpty();
  }

  @Test
  void rootPrintsAsASlash() {
    assertThat(GnmiPath.parse("/")).isEqualTo(GnmiPath.ROOT);
    assertThat(GnmiPath.ROOT).hasToString("/");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "interfaces/interface | 0 | starts with '/'",
        "/a//b                | 3 | empty path element",
        "/a/                  | 3 | empty path element",
        "/a[k=v               | 2 | unbalanced '['",
        "/a[k=v]/b[x=y        | 9 | unbalanced '['",
        "/a]b                 | 2 | unbalanced ']'",
        "/a[kv]               | 5 | key 'kv' of element 'a' has no '='",
        "/a[=v]               | 3 | empty key name",
        "/a\\                 | 2 | trailing backslash",
        "/a[k=v\\             | 6 | trailing backslash",
        "/a[k=1]x             | 7 | expected '/' or '['",
        "/a[k=1][k=2]         | 7 | duplicate key 'k'",
        "/a[k[=1]             | 4 | unescaped '['",
        "o/x:/a               | 1 | character '/' is not allowed in an origin",
        "/[k=1]               | 1 | empty path element",
      })
  void rejectsMalformedPathsNamingThePosition(String text, int position, String problem) {
    assertThatThrownBy(() -> GnmiPath.parse(text))
        .isInstanceOfSatisfying(
            GnmiPathException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.path()).isEqualTo(text);
            })
        .hasMessageContaining(problem)
        .hasMessageContaining("at position " + position);
  }

  @Test
  void refusesOriginWithColonOrSlash() {
    assertThatThrownBy(() -> new GnmiPath("a:b", List.of()))
        .isInstanceOf(GnmiPathException.class)
        .hasMessageContaining("origin 'a:b'");
  }

  @Test
  void refusesElementsWithoutNameAndKeysWithoutName() {
    assertThatThrownBy(() -> PathElem.of("")).isInstanceOf(GnmiPathException.class);
    assertThatThrownBy(() -> PathElem.of("a", "", "1"))
        .isInstanceOf(GnmiPathException.class)
        .hasMessageContaining("empty name");
  }

  @Test
  void roundTripsRandomTrickyPathsThroughTextAndWire() {
    Random random = new Random(20240607);
    String alphabet = "ab1Z-_:/[]=\\* .é";
    for (int n = 0; n < 3000; n++) {
      GnmiPath p = randomPath(random, alphabet);
      String text = p.toString();
      GnmiPath back = GnmiPath.parse(text);
      assertThat(back).as("parse(%s)", text).isEqualTo(p);
      assertThat(back.toString()).isEqualTo(text);
      assertThat(Wire.path(Wire.path(p))).isEqualTo(p);
    }
  }

  private static GnmiPath randomPath(Random r, String alphabet) {
    String[] origins = {"", "", "openconfig", "cli", "oc-x"};
    List<PathElem> elems = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      TreeMap<String, String> keys = new TreeMap<>();
      for (int k = r.nextInt(3); k > 0; k--) {
        keys.put(randomText(r, alphabet, 1), randomText(r, alphabet, 0));
      }
      elems.add(new PathElem(randomText(r, alphabet, 1), keys));
    }
    return new GnmiPath(origins[r.nextInt(origins.length)], elems);
  }

  private static String randomText(Random r, String alphabet, int min) {
    StringBuilder s = new StringBuilder();
    for (int i = min + r.nextInt(6); i > 0; i--) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void appendJoinsPrefixAndRelativePath() {
    GnmiPath prefix = GnmiPath.parse("openconfig:/interfaces/interface[name=1]");
    GnmiPath full = prefix.append(GnmiPath.parse("/state/oper-status"));
    assertThat(full).hasToString("openconfig:/interfaces/interface[name=1]/state/oper-status");
    assertThat(full.startsWith(prefix)).isTrue();
    assertThat(prefix.startsWith(full)).isFalse();
    assertThat(GnmiPath.ROOT.append(GnmiPath.parse("cli:/x")).origin()).isEqualTo("cli");
  }

  @Test
  void decodesTheDeprecatedStringElementsOfOldTargets() {
    var old = net.vdn.gnmi.proto.Path.newBuilder().addElement("interfaces").addElement("x").build();
    assertThat(Wire.path(old)).isEqualTo(GnmiPath.parse("/interfaces/x"));
  }

  @Test
  void refusesWirePathWithEmptyElementName() {
    var bad =
        net.vdn.gnmi.proto.Path.newBuilder()
            .addElem(net.vdn.gnmi.proto.PathElem.newBuilder().setName(""))
            .build();
    assertThatThrownBy(() -> Wire.path(bad)).isInstanceOf(GnmiPathException.class);
  }
}
