package net.vdn.p4runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.config.v1.P4Info;

/**
 * A forwarding pipeline: P4Info, the target's device config (BMv2 JSON for BMv2) and a cookie that
 * identifies the pair.
 */
public record PipelineConfig(P4Info p4info, byte[] deviceConfig, long cookie) {
  public PipelineConfig {
    deviceConfig = deviceConfig.clone();
  }

  /** A config whose cookie is derived from its contents, so equal pipelines share a cookie. */
  public static PipelineConfig of(P4Info p4info, byte[] deviceConfig) {
    return new PipelineConfig(p4info, deviceConfig, contentCookie(p4info, deviceConfig));
  }

  /** Loads P4Info (text or binary) and a device config from files. */
  public static PipelineConfig load(Path p4info, Path deviceConfig) {
    try {
      return of(P4InfoIndex.read(p4info), Files.readAllBytes(deviceConfig));
    } catch (IOException e) {
      throw new P4RuntimeException(
          "cannot read device config " + deviceConfig + ": " + e.getMessage(), e);
    }
  }

  private static long contentCookie(P4Info p4info, byte[] deviceConfig) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(p4info.toByteArray());
      sha.update(deviceConfig);
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] deviceConfig() {
    return deviceConfig.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PipelineConfig c
        && cookie == c.cookie
        && p4info.equals(c.p4info)
        && Arrays.equals(deviceConfig, c.deviceConfig);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(cookie);
  }

  @Override
  public String toString() {
    return "PipelineConfig["
        + p4info.getPkgInfo().getName()
        + ", "
        + deviceConfig.length
        + " bytes, cookie="
        + Long.toHexString(cookie)
        + "]";
  }
}
