package net.vdn.gnmi.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import net.vdn.gnmi.proto.GnmiProto;
import net.vdn.gnmi.proto.SetRequest;
import net.vdn.gnmi.proto.SubscribeRequest;
import net.vdn.gnmi.proto.SubscribeResponse;
import net.vdn.gnmi.proto.Subscription;
import net.vdn.gnmi.proto.TypedValue;
import net.vdn.gnmi.proto.ext.Extension;
import org.junit.jupiter.api.Test;

/**
 * Spot checks of the declared gNMI 0.10 wire format, so that an accidental edit of the .proto files
 * fails the build. (The full declaration was compared with the published one when written.)
 */
class WireFormatTest {
  @Test
  void packagesAndServiceAreGnmis() {
    assertThat(GnmiProto.getDescriptor().getPackage()).isEqualTo("gnmi");
    assertThat(Extension.getDescriptor().getFile().getPackage()).isEqualTo("gnmi_ext");
    assertThat(GnmiProto.getDescriptor().findServiceByName("gNMI").getMethods())
        .extracting(m -> m.getName())
        .containsExactly("Capabilities", "Get", "Set", "Subscribe");
    assertThat(GnmiProto.getDescriptor().getOptions().getExtension(GnmiProto.gnmiService))
        .isEqualTo("0.10.0");
  }

  @Test
  void fieldNumbersAndTypesAreTheSpecifications() {
    assertField(TypedValue.getDescriptor(), "double_val", 14, FieldDescriptor.Type.DOUBLE);
    assertField(TypedValue.getDescriptor(), "json_ietf_val", 11, FieldDescriptor.Type.BYTES);
    assertField(TypedValue.getDescriptor(), "proto_bytes", 13, FieldDescriptor.Type.BYTES);
    assertField(SubscribeResponse.getDescriptor(), "sync_response", 3, FieldDescriptor.Type.BOOL);
    assertField(SubscribeRequest.getDescriptor(), "poll", 3, FieldDescriptor.Type.MESSAGE);
    assertField(Subscription.getDescriptor(), "sample_interval", 3, FieldDescriptor.Type.UINT64);
    assertField(SetRequest.getDescriptor(), "union_replace", 6, FieldDescriptor.Type.MESSAGE);
    assertField(
        net.vdn.gnmi.proto.Notification.getDescriptor(), "delete", 5, FieldDescriptor.Type.MESSAGE);
  }

  private static void assertField(Descriptor m, String name, int number, FieldDescriptor.Type t) {
    FieldDescriptor f = m.findFieldByName(name);
    assertThat(f).as(m.getName() + "." + name).isNotNull();
    assertThat(f.getNumber()).as(m.getName() + "." + name).isEqualTo(number);
    assertThat(f.getType()).as(m.getName() + "." + name).isEqualTo(t);
  }
}
