package net.vdn.softswitch.action;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.vdn.softswitch.expr.Cond;
import net.vdn.softswitch.expr.Expr;
import net.vdn.softswitch.expr.ExprCompiler;
import net.vdn.softswitch.expr.HeaderRef;
import net.vdn.softswitch.expr.LValue;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.StackInfo;
import net.vdn.softswitch.program.StandardMetadata;
import net.vdn.softswitch.program.UnsupportedFeatureException;
import net.vdn.softswitch.runtime.PacketFault;
import net.vdn.softswitch.runtime.Phv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compiles the primitive calls of actions (and of parser states) into {@link Step}s. */
public final class PrimitiveCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(PrimitiveCompiler.class);

  private final ExprCompiler exprs;
  private final Externs externs;
  private final StandardMetadata std;

  public PrimitiveCompiler(ExprCompiler exprs, Externs externs) {
    this.exprs = exprs;
    this.externs = externs;
    this.std = externs.standardMetadata();
  }

  /** Compiles an action's body; {@code action} describes the action for error messages. */
  public void compile(ActionFn fn, Json action) {
    List<Step> steps = new ArrayList<>();
    exprs.takeRegistersUsed();
    for (Json prim : action.list("primitives", "primitive")) {
      steps.add(primitive(prim, action.where(), fn.params()));
    }
    fn.body(steps.toArray(new Step[0]), exprs.takeRegistersUsed());
  }

  /** One primitive call; {@code owner} names the enclosing action or parser state. */
  public Step primitive(Json prim, String owner, ParamLayout params) {
    String op = prim.str("op");
    Json ctx = new Json(prim.node(), "primitive '" + op + "' in " + owner);
    List<JsonNode> a = prim.array("parameters");
    return switch (op) {
      case "assign" -> {
        arity(ctx, a, 2);
        JsonNode src = a.get(1);
        if ("header".equals(src.path("type").asText())) {
          yield assignHeader(ctx, a, params);
        }
        LValue dst = exprs.lvalue(a.get(0), ctx, params);
        Expr value = exprs.data(src, ctx, params);
        yield Step.of(p -> dst.assign(p, value));
      }
      case "assign_header", "copy_header" -> assignHeader(ctx, a, params);
      case "assign_header_stack" -> {
        arity(ctx, a, 2);
        StackInfo dst = exprs.stack(a.get(0), ctx);
        StackInfo src = exprs.stack(a.get(1), ctx);
        List<HeaderInfo> hs = exprs.layout().headers();
        yield Step.of(
            p -> {
              for (int i = 0; i < dst.size(); i++) {
                copyHeader(p, hs.get(src.headers()[i]), hs.get(dst.headers()[i]));
              }
              p.stackNext[dst.index()] = p.stackNext[src.index()];
            });
      }
      case "add_header", "setValid" -> {
        arity(ctx, a, 1);
        HeaderRef h = exprs.header(a.get(0), ctx, params);
        List<HeaderInfo> hs = exprs.layout().headers();
        yield Step.of(
            p -> {
              int i = h.resolve(p);
              if (!p.valid[i]) {
                HeaderInfo info = hs.get(i);
                java.util.Arrays.fill(
                    p.f, info.firstSlot(), info.firstSlot() + info.slotCount(), 0L);
                p.valid[i] = true;
              }
            });
      }
      case "remove_header", "setInvalid" -> {
        arity(ctx, a, 1);
        HeaderRef h = exprs.header(a.get(0), ctx, params);
        yield Step.of(p -> p.valid[h.resolve(p)] = false);
      }
      case "push", "push_front", "pop", "pop_front" -> stackShift(ctx, a, params, op);
      case "mark_to_drop", "drop" -> {
        FieldInfo spec = std.egressSpec();
        FieldInfo mcast = std.mcastGrp();
        yield Step.of(
            p -> {
              StandardMetadata.set(p.f, spec, StandardMetadata.DROP_PORT);
              StandardMetadata.set(p.f, mcast, 0);
            });
      }
      case "exit" ->
          (p, pc) -> {
            p.exit = true;
            return Step.END;
          };
      case "_jump" -> {
        arity(ctx, a, 1);
        Expr target = exprs.data(a.get(0), ctx, params);
        yield (p, pc) -> (int) target.eval(p);
      }
      case "_jump_if_zero" -> {
        arity(ctx, a, 2);
        Expr cond = exprs.data(a.get(0), ctx, params);
        Expr target = exprs.data(a.get(1), ctx, params);
        yield (p, pc) -> cond.eval(p) == 0 ? (int) target.eval(p) : pc + 1;
      }
      case "count" -> {
        arity(ctx, a, 2);
        CounterArray c = named(ctx, a.get(0), "counter_array", externs.counter(name(a.get(0))));
        Expr index = exprs.data(a.get(1), ctx, params);
        FieldInfo len = std.packetLength();
        yield Step.of(p -> c.count(p.scratch.stripe(), index.eval(p), packetLength(p, len)));
      }
      case "execute_meter" -> {
        arity(ctx, a, 3);
        MeterArray m = named(ctx, a.get(0), "meter_array", externs.meter(name(a.get(0))));
        Expr index = exprs.data(a.get(1), ctx, params);
        LValue dst = exprs.lvalue(a.get(2), ctx, params);
        FieldInfo len = std.packetLength();
        var clock = externs.clock();
        yield Step.of(
            p -> dst.set(p, m.execute(index.eval(p), clock.getAsLong(), packetLength(p, len))));
      }
      case "register_read" -> {
        arity(ctx, a, 3);
        LValue dst = exprs.lvalue(a.get(0), ctx, params);
        RegisterArray r = named(ctx, a.get(1), "register_array", externs.register(name(a.get(1))));
        exprs.useRegister(r);
        Expr index = exprs.data(a.get(2), ctx, params);
        if (r.bitwidth() <= 64) {
          yield Step.of(p -> dst.set(p, r.read(index.eval(p))));
        }
        yield Step.of(p -> dst.setWide(p, r.readBig(index.eval(p))));
      }
      case "register_write" -> {
        arity(ctx, a, 3);
        RegisterArray r = named(ctx, a.get(0), "register_array", externs.register(name(a.get(0))));
        exprs.useRegister(r);
        Expr index = exprs.data(a.get(1), ctx, params);
        Expr value = exprs.data(a.get(2), ctx, params);
        if (r.bitwidth() <= 64) {
          yield Step.of(p -> r.write(index.eval(p), value.eval(p)));
        }
        yield Step.of(p -> r.writeBig(index.eval(p), value.big(p)));
      }
      case "modify_field_with_hash_based_offset" -> {
        arity(ctx, a, 4);
        LValue dst = exprs.lvalue(a.get(0), ctx, params);
        Expr base = exprs.data(a.get(1), ctx, params);
        Calculation calc = named(ctx, a.get(2), "calculation", externs.calculation(name(a.get(2))));
        Expr size = exprs.data(a.get(3), ctx, params);
        yield Step.of(
            p -> {
              long h = calc.compute(p);
              long max = size.eval(p);
              long offset = max > 0 ? Long.remainderUnsigned(h, max) : h;
              dst.set(p, base.eval(p) + offset);
            });
      }
      case "modify_field_rng_uniform" -> {
        arity(ctx, a, 3);
        LValue dst = exprs.lvalue(a.get(0), ctx, params);
        Expr lo = exprs.data(a.get(1), ctx, params);
        Expr hi = exprs.data(a.get(2), ctx, params);
        yield Step.of(
            p -> {
              long l = lo.eval(p);
              long h = hi.eval(p);
              dst.set(p, h <= l ? l : p.scratch.random().nextLong(l, h + 1));
            });
      }
      case "clone_ingress_pkt_to_egress", "clone_egress_pkt_to_egress" -> {
        arityAtLeast(ctx, a, 1);
        Expr session = exprs.data(a.get(0), ctx, params);
        int fieldList = a.size() > 1 ? fieldList(ctx, a.get(1), params) : 0;
        yield Step.of(
            p -> {
              p.cloneSession = (int) session.eval(p);
              p.cloneFieldList = fieldList;
            });
      }
      case "resubmit" -> {
        int fieldList = a.isEmpty() ? 0 : fieldList(ctx, a.get(0), params);
        yield Step.of(p -> p.resubmitFieldList = fieldList);
      }
      case "recirculate" -> {
        int fieldList = a.isEmpty() ? 0 : fieldList(ctx, a.get(0), params);
        yield Step.of(p -> p.recirculateFieldList = fieldList);
      }
      case "truncate" -> {
        arity(ctx, a, 1);
        Expr length = exprs.data(a.get(0), ctx, params);
        yield Step.of(p -> p.truncateLength = (int) Math.min(Integer.MAX_VALUE, length.eval(p)));
      }
      case "generate_digest" -> {
        arity(ctx, a, 2);
        int id = constant(ctx, a.get(1), params);
        if (!externs.hasLearnList(id)) {
          throw ctx.error("unknown learn list id " + id);
        }
        yield Step.of(p -> p.learnList = id);
      }
      case "assert", "assume" -> {
        arity(ctx, a, 1);
        Cond c = exprs.cond(a.get(0), ctx, params);
        String where = ctx.where();
        yield Step.of(
            p -> {
              if (!c.test(p)) {
                LOG.warn("{} failed: packet dropped", where);
                throw PacketFault.ASSERTION;
              }
            });
      }
      case "log_msg" -> logMsg(ctx, a, params);
      default ->
          throw new UnsupportedFeatureException("unsupported primitive '" + op + "' in " + owner);
    };
  }

  private Step assignHeader(Json ctx, List<JsonNode> a, ParamLayout params) {
    arity(ctx, a, 2);
    HeaderRef dst = exprs.header(a.get(0), ctx, params);
    HeaderRef src = exprs.header(a.get(1), ctx, params);
    List<HeaderInfo> hs = exprs.layout().headers();
    return Step.of(p -> copyHeader(p, hs.get(src.resolve(p)), hs.get(dst.resolve(p))));
  }

  private static void copyHeader(Phv p, HeaderInfo src, HeaderInfo dst) {
    System.arraycopy(p.f, src.firstSlot(), p.f, dst.firstSlot(), dst.slotCount());
    p.valid[dst.index()] = p.valid[src.index()];
  }

  private Step stackShift(Json ctx, List<JsonNode> a, ParamLayout params, String op) {
    arity(ctx, a, 2);
    StackInfo s = exprs.stack(a.get(0), ctx);
    Expr count = exprs.data(a.get(1), ctx, params);
    List<HeaderInfo> hs = exprs.layout().headers();
    int[] m = s.headers();
    boolean push = op.startsWith("push");
    return Step.of(
        p -> {
          int n = (int) Math.min(m.length, Math.max(0, count.eval(p)));
          if (push) {
            for (int i = m.length - 1; i >= n; i--) {
              copyHeader(p, hs.get(m[i - n]), hs.get(m[i]));
            }
            for (int i = 0; i < n; i++) {
              p.valid[m[i]] = false;
            }
            p.stackNext[s.index()] = Math.min(m.length, p.stackNext[s.index()] + n);
          } else {
            for (int i = 0; i + n < m.length; i++) {
              copyHeader(p, hs.get(m[i + n]), hs.get(m[i]));
            }
            for (int i = Math.max(0, m.length - n); i < m.length; i++) {
              p.valid[m[i]] = false;
            }
            p.stackNext[s.index()] = Math.max(0, p.stackNext[s.index()] - n);
          }
        });
  }

  private Step logMsg(Json ctx, List<JsonNode> a, ParamLayout params) {
    arity(ctx, a, 2);
    String format = a.get(0).path("value").asText();
    List<Expr> args = new ArrayList<>();
    for (JsonNode v : a.get(1).path("value")) {
      args.add(exprs.data(v, ctx, params));
    }
    return Step.of(
        p -> {
          if (LOG.isDebugEnabled()) {
            String msg = format;
            for (Expr e : args) {
              msg = msg.replaceFirst("\\{}", String.valueOf(e.big(p)));
            }
            LOG.debug("log_msg: {}", msg);
          }
        });
  }

  private int fieldList(Json ctx, JsonNode node, ParamLayout params) {
    int id = constant(ctx, node, params);
    if (id != 0 && !externs.hasFieldList(id)) {
      throw ctx.error("unknown field list id " + id);
    }
    return id;
  }

  private int constant(Json ctx, JsonNode node, ParamLayout params) {
    if (!"hexstr".equals(node.path("type").asText())) {
      throw ctx.unsupported("non-constant list id " + node);
    }
    return Json.hex(node.path("value").asText(), ctx).intValue();
  }

  private static int packetLength(Phv p, FieldInfo len) {
    return len == null ? p.length : (int) p.f[len.slot()];
  }

  private static String name(JsonNode node) {
    return node.path("value").asText();
  }

  private static <T> T named(Json ctx, JsonNode node, String type, T found) {
    if (!type.equals(node.path("type").asText())) {
      throw ctx.error("expected a " + type + ", got " + node);
    }
    if (found == null) {
      throw ctx.error("unknown " + type + " '" + name(node) + "'");
    }
    return found;
  }

  private static void arity(Json ctx, List<JsonNode> a, int n) {
    if (a.size() != n) {
      throw ctx.error("expected " + n + " parameters, got " + a.size());
    }
  }

  private static void arityAtLeast(Json ctx, List<JsonNode> a, int n) {
    if (a.size() < n) {
      throw ctx.error("expected at least " + n + " parameters, got " + a.size());
    }
  }
}
