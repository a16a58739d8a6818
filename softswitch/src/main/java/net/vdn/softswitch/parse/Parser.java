package net.vdn.softswitch.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.softswitch.action.PrimitiveCompiler;
import net.vdn.softswitch.action.Step;
import net.vdn.softswitch.expr.Cond;
import net.vdn.softswitch.expr.Expr;
import net.vdn.softswitch.expr.ExprCompiler;
import net.vdn.softswitch.expr.LValue;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.StackInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.PacketFault;
import net.vdn.softswitch.runtime.Phv;

/**
 * A compiled parser. A parser error (packet too short, failed verify, no matching transition, stack
 * overflow) stops parsing and records the error in {@code standard_metadata.parser_error}; as on
 * BMv2's v1model, the packet then continues to the ingress control.
 */
public final class Parser {
  private static final int MAX_STATES = 10_000;

  private final String name;
  private final ParseState start;
  private final FieldInfo parserError;
  private final Map<String, Integer> errors;

  public Parser(
      Json parser,
      ExprCompiler exprs,
      PrimitiveCompiler prims,
      Map<String, Integer> errors,
      FieldInfo parserError) {
    this.name = parser.str("name");
    this.errors = errors;
    this.parserError = parserError;
    Map<String, ParseState> states = new HashMap<>();
    List<Json> jsonStates = parser.list("parse_states", "parse_state");
    for (Json s : jsonStates) {
      String stateName = s.str("name");
      if (states.put(stateName, new ParseState(stateName)) != null) {
        throw s.error("duplicate parse state name");
      }
    }
    for (Json s : jsonStates) {
      compile(s, states.get(s.str("name")), states, exprs, prims);
    }
    String init = parser.str("init_state");
    this.start = states.get(init);
    if (start == null) {
      throw parser.error("unknown init_state '" + init + "'");
    }
  }

  public String name() {
    return name;
  }

  /** Parses {@code p.packet} from offset 0; on return {@code p.cursor} is the payload start. */
  public void parse(Phv p) {
    ParseState s = start;
    int steps = 0;
    try {
      while (s != null) {
        if (++steps > MAX_STATES) {
          throw PacketFault.PARSER_TIMEOUT;
        }
        int t = s.run(p);
        if (t < 0) {
          throw PacketFault.NO_MATCH;
        }
        s = s.targets[t];
      }
    } catch (PacketFault fault) {
      if (fault == PacketFault.ASSERTION) {
        throw fault;
      }
      if (fault != PacketFault.VERIFY_FAILED && parserError != null) {
        String error =
            fault == PacketFault.PACKET_TOO_SHORT
                ? "PacketTooShort"
                : fault == PacketFault.STACK_OUT_OF_BOUNDS
                    ? "StackOutOfBounds"
                    : fault == PacketFault.PARSER_TIMEOUT ? "ParserTimeout" : "NoMatch";
        p.f[parserError.slot()] = errors.getOrDefault(error, 0) & Bits.mask(parserError.width());
      }
    }
  }

  private void compile(
      Json s,
      ParseState state,
      Map<String, ParseState> states,
      ExprCompiler exprs,
      PrimitiveCompiler prims) {
    List<ParseState.Op> ops = new ArrayList<>();
    for (Json op : s.list("parser_ops", "parser_op")) {
      ops.add(op(op, s, exprs, prims));
    }
    state.ops = ops.toArray(new ParseState.Op[0]);
    List<JsonNode> key = s.array("transition_key");
    state.key = new Expr[key.size()];
    state.keyWidths = new int[key.size()];
    int keyBytes = 0;
    for (int i = 0; i < key.size(); i++) {
      Expr e = exprs.data(key.get(i), s, ParamLayout.NONE);
      int width = keyWidth(key.get(i), e, s, exprs);
      state.key[i] = e;
      state.keyWidths[i] = width;
      keyBytes += (width + 7) >>> 3;
    }
    state.keyLength = keyBytes;
    List<Json> transitions = s.list("transitions", "transition");
    int n = transitions.size();
    state.values = new byte[n][];
    state.masks = new byte[n][];
    state.targets = new ParseState[n];
    for (int i = 0; i < n; i++) {
      Json t = transitions.get(i);
      String type = t.node().path("type").asText("");
      String value = t.strOrNull("value");
      boolean isDefault = type.equals("default") || (type.isEmpty() && "default".equals(value));
      if (!isDefault) {
        if (!type.equals("hexstr")) {
          throw t.unsupported("unsupported transition type '" + type + "'");
        }
        if (value == null) {
          throw t.error("hexstr transition without 'value'");
        }
        state.values[i] = ParseState.fixed(Json.hex(value, t), keyBytes);
        String mask = t.strOrNull("mask");
        state.masks[i] = mask == null ? null : ParseState.fixed(Json.hex(mask, t), keyBytes);
        if (state.masks[i] != null) {
          for (int b = 0; b < keyBytes; b++) {
            state.values[i][b] &= state.masks[i][b];
          }
        }
      }
      String next = t.strOrNull("next_state");
      if (next != null) {
        state.targets[i] = states.get(next);
        if (state.targets[i] == null) {
          throw t.error("unknown next_state '" + next + "' in parse state '" + state.name + "'");
        }
      }
    }
  }

  private static int keyWidth(JsonNode k, Expr e, Json ctx, ExprCompiler exprs) {
    String type = k.path("type").asText();
    JsonNode v = k.path("value");
    return switch (type) {
      case "field" ->
          v.path(1).asText().equals("$valid$") ? 1 : exprs.layout().field(v, ctx).width();
      case "lookahead" -> v.path(1).asInt();
      case "stack_field" -> {
        StackInfo st = exprs.layout().stack(v.path(0).asText(), ctx);
        FieldInfo f = exprs.layout().headers().get(st.headers()[0]).field(v.path(1).asText());
        if (f == null) {
          throw ctx.error("unknown field in transition key " + v);
        }
        yield f.width();
      }
      default -> {
        if (e.bits() > 64) {
          throw ctx.unsupported("unsupported transition key " + k);
        }
        yield Math.max(1, e.bits());
      }
    };
  }

  private ParseState.Op op(Json op, Json state, ExprCompiler exprs, PrimitiveCompiler prims) {
    String kind = op.str("op");
    List<JsonNode> a = op.array("parameters");
    Json ctx =
        new Json(op.node(), "parser op '" + kind + "' in parse state '" + state.str("name") + "'");
    switch (kind) {
      case "extract" -> {
        JsonNode target = a.isEmpty() ? null : a.get(0);
        String type = target == null ? "" : target.path("type").asText();
        if (type.equals("regular")) {
          HeaderInfo h = exprs.layout().header(target.path("value").asText(), ctx);
          checkBytes(h, ctx);
          return p -> extract(p, h);
        }
        if (type.equals("stack")) {
          StackInfo st = exprs.layout().stack(target.path("value").asText(), ctx);
          HeaderInfo[] members = new HeaderInfo[st.size()];
          for (int i = 0; i < members.length; i++) {
            members[i] = exprs.layout().headers().get(st.headers()[i]);
            checkBytes(members[i], ctx);
          }
          int si = st.index();
          return p -> {
            int i = p.stackNext[si];
            if (i >= members.length) {
              throw PacketFault.STACK_OUT_OF_BOUNDS;
            }
            extract(p, members[i]);
            p.stackNext[si] = i + 1;
          };
        }
        throw ctx.unsupported("unsupported extract target " + target);
      }
      case "set" -> {
        if (a.size() != 2) {
          throw ctx.error("expected 2 parameters");
        }
        LValue dst = exprs.lvalue(a.get(0), ctx, ParamLayout.NONE);
        Expr src = exprs.data(a.get(1), ctx, ParamLayout.NONE);
        return p -> dst.assign(p, src);
      }
      case "verify" -> {
        if (a.size() != 2) {
          throw ctx.error("expected 2 parameters");
        }
        Cond c = exprs.cond(a.get(0), ctx, ParamLayout.NONE);
        Expr error = exprs.data(a.get(1), ctx, ParamLayout.NONE);
        FieldInfo target = parserError;
        return p -> {
          if (!c.test(p)) {
            if (target != null) {
              p.f[target.slot()] = error.eval(p) & Bits.mask(target.width());
            }
            throw PacketFault.VERIFY_FAILED;
          }
        };
      }
      case "advance", "shift" -> {
        if (a.size() != 1) {
          throw ctx.error("expected 1 parameter");
        }
        Expr amount = exprs.data(a.get(0), ctx, ParamLayout.NONE);
        boolean bits = kind.equals("advance");
        return p -> {
          long n = amount.eval(p);
          long bytes = bits ? n >>> 3 : n;
          if (n < 0 || p.cursor + bytes > p.length) {
            throw PacketFault.PACKET_TOO_SHORT;
          }
          p.cursor += (int) bytes;
        };
      }
      case "primitive" -> {
        if (a.size() != 1) {
          throw ctx.error("expected 1 parameter");
        }
        Step step =
            prims.primitive(
                new Json(a.get(0), ctx.where()),
                "parse state '" + state.str("name") + "'",
                ParamLayout.NONE);
        return p -> step.run(p, 0);
      }
      default -> throw ctx.unsupported("unsupported parser op '" + kind + "'");
    }
  }

  private static void checkBytes(HeaderInfo h, Json ctx) {
    if (h.bits() % 8 != 0) {
      throw ctx.unsupported(h + " is " + h.bits() + " bits, not a whole number of bytes,");
    }
  }

  static void extract(Phv p, HeaderInfo h) {
    int bytes = h.bits() >>> 3;
    if (p.cursor + bytes > p.length) {
      throw PacketFault.PACKET_TOO_SHORT;
    }
    int base = p.cursor * 8;
    for (FieldInfo f : h.fieldArray()) {
      if (f.wide()) {
        Bits.getWords(p.packet, base + f.bitOffset(), f.width(), p.f, f.slot());
      } else {
        p.f[f.slot()] = Bits.get(p.packet, base + f.bitOffset(), f.width());
      }
    }
    p.valid[h.index()] = true;
    p.cursor += bytes;
  }
}
