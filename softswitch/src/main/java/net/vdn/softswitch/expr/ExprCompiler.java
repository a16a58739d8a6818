package net.vdn.softswitch.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.program.StackInfo;
import net.vdn.softswitch.runtime.PacketFault;
import net.vdn.softswitch.runtime.Phv;

/** Compiles BMv2 JSON "type value" objects and expression trees into executable nodes. */
public final class ExprCompiler {
  private final Layout layout;
  private final Function<String, RegisterArray> registers;
  private final java.util.Set<RegisterArray> registersUsed = new java.util.LinkedHashSet<>();

  public ExprCompiler(Layout layout, Function<String, RegisterArray> registers) {
    this.layout = layout;
    this.registers = registers;
  }

  /** Notes that the code being compiled uses a register array (see {@link #takeRegistersUsed}). */
  public void useRegister(RegisterArray r) {
    registersUsed.add(r);
  }

  /**
   * The register arrays that expressions and primitives compiled since the last call use, and
   * forgets them: an action holds their locks while it runs.
   */
  public java.util.List<RegisterArray> takeRegistersUsed() {
    var out = new java.util.ArrayList<>(registersUsed);
    registersUsed.clear();
    return out;
  }

  public Layout layout() {
    return layout;
  }

  /** A data-valued operand; booleans are converted as {@code b2d} would. */
  public Expr data(JsonNode node, Json ctx, ParamLayout params) {
    Object o = any(node, ctx, params);
    if (o instanceof Expr e) {
      return e;
    }
    if (o instanceof Cond c) {
      return new Ops.BoolToData(c);
    }
    throw ctx.error("expected a data value, got " + brief(node));
  }

  /** A boolean operand; data values are converted as {@code d2b} would. */
  public Cond cond(JsonNode node, Json ctx, ParamLayout params) {
    Object o = any(node, ctx, params);
    if (o instanceof Cond c) {
      return c;
    }
    if (o instanceof Expr e) {
      return d2b(e);
    }
    throw ctx.error("expected a boolean, got " + brief(node));
  }

  /** A header operand: {@code header} or a stack element chosen by an expression. */
  public HeaderRef header(JsonNode node, Json ctx, ParamLayout params) {
    Object o = any(node, ctx, params);
    if (o instanceof HeaderRef h) {
      return h;
    }
    throw ctx.error("expected a header, got " + brief(node));
  }

  /** A fixed header instance operand ({@code type: header}). */
  public HeaderInfo fixedHeader(JsonNode node, Json ctx) {
    if (node == null || !"header".equals(node.path("type").asText())) {
      throw ctx.error("expected a header, got " + brief(node));
    }
    return layout.header(node.path("value").asText(), ctx);
  }

  public StackInfo stack(JsonNode node, Json ctx) {
    if (node == null || !"header_stack".equals(node.path("type").asText())) {
      throw ctx.error("expected a header stack, got " + brief(node));
    }
    return layout.stack(node.path("value").asText(), ctx);
  }

  /** A writable field. */
  public LValue lvalue(JsonNode node, Json ctx, ParamLayout params) {
    String type = node == null ? "" : node.path("type").asText();
    JsonNode value = node == null ? null : node.get("value");
    switch (type) {
      case "field" -> {
        if (Layout.VALID_FIELD.equals(value.path(1).asText())) {
          throw ctx.error("the validity field " + value + " is read-only");
        }
        return new LValue.Fixed(layout.field(value, ctx));
      }
      case "stack_field" -> {
        StackInfo s = layout.stack(value.path(0).asText(), ctx);
        int index = fieldIndex(layout.headers().get(s.headers()[0]), value.path(1).asText(), ctx);
        return new LValue.Dynamic(lastOf(s), index, layout.headers(), width(s, index));
      }
      case "expression" -> {
        JsonNode inner = value.has("op") ? value : value.get("value");
        if (inner != null && !inner.has("op")) {
          return lvalue(value, ctx, params);
        }
        if (inner == null || !"access_field".equals(inner.path("op").asText())) {
          throw ctx.error("expression is not assignable: " + brief(node));
        }
        HeaderRef h = header(inner.get("left"), ctx, params);
        int index = inner.path("right").asInt(-1);
        int width = dynamicWidth(inner.get("left"), index, ctx);
        return new LValue.Dynamic(h, index, layout.headers(), width);
      }
      default -> throw ctx.error("not assignable: " + brief(node));
    }
  }

  private Object any(JsonNode node, Json ctx, ParamLayout params) {
    if (node == null || node.isNull() || !node.isObject()) {
      throw ctx.error("malformed operand " + brief(node));
    }
    String type = node.path("type").asText();
    JsonNode value = node.get("value");
    if (value == null) {
      throw ctx.error("operand without 'value': " + brief(node));
    }
    switch (type) {
      case "hexstr" -> {
        return Expr.constant(Json.hex(value.asText(), ctx));
      }
      case "bool" -> {
        boolean b = value.asBoolean();
        return (Cond) p -> b;
      }
      case "field" -> {
        HeaderInfo h = layout.headerOf(value, ctx);
        if (Layout.VALID_FIELD.equals(value.get(1).asText())) {
          int index = h.index();
          return new Expr.Validity(p -> index);
        }
        return read(layout.field(value, ctx));
      }
      case "runtime_data", "local" -> {
        int i = value.asInt(-1);
        if (!value.isIntegralNumber() || i < 0 || i >= params.count()) {
          throw ctx.error("runtime data index " + value + " out of range");
        }
        return new Expr.Param(params.slots()[i], params.widths()[i]);
      }
      case "header" -> {
        int index = layout.header(value.asText(), ctx).index();
        return (HeaderRef) p -> index;
      }
      case "header_stack" -> {
        return layout.stack(value.asText(), ctx);
      }
      case "stack_field" -> {
        return lvalueRead(lvalue(node, ctx, params), node, ctx);
      }
      case "lookahead" -> {
        int offset = value.path(0).asInt(-1);
        int width = value.path(1).asInt(-1);
        if (offset < 0 || width <= 0) {
          throw ctx.error("malformed lookahead " + value);
        }
        return new Expr.Lookahead(offset, width);
      }
      case "register" -> {
        RegisterArray r = registers.apply(value.path(0).asText());
        if (r == null) {
          throw ctx.error("unknown register array '" + value.path(0).asText() + "'");
        }
        useRegister(r);
        Expr index = data(value.get(1), ctx, params);
        return new Expr(r.bitwidth(), false) {
          @Override
          public long eval(Phv p) {
            return r.read(index.eval(p));
          }

          @Override
          public java.math.BigInteger wide(Phv p) {
            return r.readBig(index.eval(p));
          }
        };
      }
      case "expression" -> {
        if (value.has("op")) {
          return op(value, ctx, params);
        }
        return any(value, ctx, params);
      }
      default -> throw ctx.unsupported("unsupported operand type '" + type + "'");
    }
  }

  private Expr lvalueRead(LValue lv, JsonNode node, Json ctx) {
    if (lv instanceof LValue.Dynamic d) {
      return new LValue.DynamicRead(d.header, d.fieldIndex, d.headers, d.width);
    }
    throw ctx.error("cannot read " + brief(node));
  }

  private Expr read(FieldInfo f) {
    Expr e =
        f.wide() ? new Expr.WideField(f.slot(), f.width()) : new Expr.Field(f.slot(), f.width());
    return f.signed() ? new Ops.TwoCompMod(e, f.width()) : e;
  }

  private Object op(JsonNode e, Json ctx, ParamLayout params) {
    String op = e.path("op").asText();
    JsonNode left = e.get("left");
    JsonNode right = e.get("right");
    switch (op) {
      case "and", "or" -> {
        Cond a = cond(left, ctx, params);
        Cond b = cond(right, ctx, params);
        return op.equals("and")
            ? (Cond) p -> a.test(p) && b.test(p)
            : (Cond) p -> a.test(p) || b.test(p);
      }
      case "not" -> {
        Cond a = cond(right, ctx, params);
        return (Cond) p -> !a.test(p);
      }
      case "d2b" -> {
        return d2b(data(right, ctx, params));
      }
      case "b2d" -> {
        return new Ops.BoolToData(cond(right, ctx, params));
      }
      case "valid" -> {
        HeaderRef h = header(right, ctx, params);
        return (Cond) p -> p.valid[h.resolve(p)];
      }
      case "==", "!=" -> {
        Object a = any(left, ctx, params);
        Object b = any(right, ctx, params);
        if (a instanceof Cond ca && b instanceof Cond cb) {
          return op.equals("==")
              ? (Cond) p -> ca.test(p) == cb.test(p)
              : (Cond) p -> ca.test(p) != cb.test(p);
        }
        return Ops.compare(op, data(left, ctx, params), data(right, ctx, params));
      }
      case "<", "<=", ">", ">=" -> {
        return Ops.compare(op, data(left, ctx, params), data(right, ctx, params));
      }
      case "~" -> {
        return new Ops.Complement(data(right, ctx, params));
      }
      case "-" -> {
        if (left == null || left.isNull()) {
          return new Ops.Negate(data(right, ctx, params));
        }
        return Ops.binary(op, data(left, ctx, params), data(right, ctx, params));
      }
      case "two_comp_mod", "usat_cast", "sat_cast" -> {
        Expr src = data(left, ctx, params);
        int width = constantInt(right, ctx, op);
        if (width <= 0) {
          throw ctx.error("'" + op + "' with width " + width);
        }
        return op.equals("two_comp_mod")
            ? new Ops.TwoCompMod(src, width)
            : new Ops.Saturate(src, width, op.equals("sat_cast"));
      }
      case "?" -> {
        Cond c = cond(e.get("cond"), ctx, params);
        Object a = any(left, ctx, params);
        Object b = any(right, ctx, params);
        if (a instanceof Cond ca && b instanceof Cond cb) {
          return (Cond) p -> c.test(p) ? ca.test(p) : cb.test(p);
        }
        return new Ops.Choice(c, data(left, ctx, params), data(right, ctx, params));
      }
      case "dereference_header_stack" -> {
        StackInfo s = stack(left, ctx);
        Expr index = data(right, ctx, params);
        int[] members = s.headers();
        return (HeaderRef)
            p -> {
              long i = index.eval(p);
              if (i < 0 || i >= members.length) {
                throw PacketFault.STACK_OUT_OF_BOUNDS;
              }
              return members[(int) i];
            };
      }
      case "last_stack_index", "size_stack" -> {
        StackInfo s = stack(right, ctx);
        int si = s.index();
        boolean last = op.equals("last_stack_index");
        return new Expr(32, true) {
          @Override
          public long eval(Phv p) {
            return last ? p.stackNext[si] - 1 : p.stackNext[si];
          }
        };
      }
      case "access_field" -> {
        return lvalueRead(lvalue(wrap(e), ctx, params), e, ctx);
      }
      default -> {
        if (left == null || left.isNull()) {
          throw ctx.unsupported("unsupported expression op '" + op + "'");
        }
        Expr r = Ops.binary(op, data(left, ctx, params), data(right, ctx, params));
        if (r == null) {
          throw ctx.unsupported("unsupported expression op '" + op + "'");
        }
        return r;
      }
    }
  }

  private static JsonNode wrap(JsonNode op) {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("type", "expression");
    n.set("value", op);
    return n;
  }

  private static Cond d2b(Expr e) {
    if (e.exact()) {
      return p -> e.eval(p) != 0;
    }
    return p -> e.big(p).signum() != 0;
  }

  private int constantInt(JsonNode node, Json ctx, String op) {
    if (node == null || !"hexstr".equals(node.path("type").asText())) {
      throw ctx.unsupported("non-constant width of '" + op + "'");
    }
    return Json.hex(node.path("value").asText(), ctx).intValueExact();
  }

  private HeaderRef lastOf(StackInfo s) {
    int si = s.index();
    int[] members = s.headers();
    return p -> {
      int i = p.stackNext[si] - 1;
      if (i < 0) {
        throw PacketFault.STACK_OUT_OF_BOUNDS;
      }
      return members[i];
    };
  }

  private static int fieldIndex(HeaderInfo h, String name, Json ctx) {
    for (int i = 0; i < h.fields().size(); i++) {
      if (h.fields().get(i).name().equals(name)) {
        return i;
      }
    }
    throw ctx.error("unknown field '" + name + "' of header '" + h.name() + "'");
  }

  private int width(StackInfo s, int index) {
    return layout.headers().get(s.headers()[0]).fields().get(index).width();
  }

  /** The width of field {@code index} of a header-valued operand, checking the index. */
  private int dynamicWidth(JsonNode headerNode, int index, Json ctx) {
    HeaderInfo sample;
    JsonNode inner = headerNode.path("value");
    if ("header".equals(headerNode.path("type").asText())) {
      sample = layout.header(inner.asText(), ctx);
    } else if (inner.has("op") && "dereference_header_stack".equals(inner.path("op").asText())) {
      sample = layout.headers().get(stack(inner.get("left"), ctx).headers()[0]);
    } else {
      throw ctx.unsupported("unsupported header operand " + brief(headerNode));
    }
    if (index < 0 || index >= sample.fields().size()) {
      throw ctx.error("field offset " + index + " out of range for " + sample);
    }
    return sample.fields().get(index).width();
  }

  static String brief(JsonNode node) {
    String s = String.valueOf(node);
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}
