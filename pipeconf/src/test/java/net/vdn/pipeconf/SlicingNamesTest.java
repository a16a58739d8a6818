package net.vdn.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.info.P4InfoIndex;
import org.junit.jupiter.api.Test;

/** Every name constant exists in the compiled P4Info, as an object or as a field/parameter. */
class SlicingNamesTest {
  private final P4InfoIndex p4info = SlicingPipeline.p4info();

  @Test
  void everyConstantNamesSomethingInTheCompiledProgram() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Field f : SlicingNames.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
        continue;
      }
      String name = (String) f.get(null);
      if (!known(name)) {
        missing.add(f.getName() + " = " + name);
      }
    }
    assertThat(missing).as("constants that P4Info does not know").isEmpty();
  }

  private boolean known(String name) {
    var info = p4info.p4info();
    boolean object =
        info.getTablesList().stream().anyMatch(t -> t.getPreamble().getName().equals(name))
            || info.getActionsList().stream().anyMatch(a -> a.getPreamble().getName().equals(name))
            || info.getCountersList().stream().anyMatch(c -> c.getPreamble().getName().equals(name))
            || info.getMetersList().stream().anyMatch(m -> m.getPreamble().getName().equals(name));
    boolean field =
        info.getTablesList().stream()
                .flatMap(t -> t.getMatchFieldsList().stream())
                .anyMatch(m -> m.getName().equals(name))
            || info.getActionsList().stream()
                .flatMap(a -> a.getParamsList().stream())
                .anyMatch(p -> p.getName().equals(name));
    return object || field;
  }
}
