package io.vcon.storage.s3;

import io.vcon.storage.api.VconStore;
import io.vcon.storage.spi.ProviderOptions;
import io.vcon.storage.spi.Providers;
import io.vcon.storage.tck.SampleVcons;
import java.util.Map;

/**
 * Run in a child JVM by {@link DefaultCredentialsChainTest}: saves one vCon through provider {@code
 * storage.s3} with no keys in its options, so the AWS SDK's default chain must find credentials in
 * the environment the test set. Arguments: endpoint, bucket, s3_path, uuid. Exit code 0 when saved,
 * 1 with the error on stderr.
 */
final class SaveWithDefaultChain {

  private SaveWithDefaultChain() {}

  public static void main(String[] args) {
    Map<String, Object> options =
        Map.of(
            "endpoint_url",
            args[0],
            "aws_bucket",
            args[1],
            "s3_path",
            args[2],
            "aws_region",
            "us-east-1");
    try (VconStore store = Providers.createStore("storage.s3", ProviderOptions.of(options))) {
      store.put(SampleVcons.vcon(args[3], "2024-01-15T10:00:00Z"));
      System.out.println("saved " + args[3]);
    } catch (RuntimeException e) {
      System.err.println(e);
      System.exit(1);
    }
  }
}
