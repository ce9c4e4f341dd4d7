package io.vcon.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.testsupport.CannedCredentialsServer;
import io.vcon.storage.testsupport.ChildJvm;
import io.vcon.storage.testsupport.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The runnable jar ({@code java -jar vcon-storage.jar}, what {@code ./vcon-storage} runs) on
 * AWS-style deployments: a configuration without keys, credentials from the SDK's default chain in
 * the environment. It runs after {@code package} (failsafe), so what is tested is the jar as
 * shipped: if {@code sts} were missing from it, web identity would find no credentials. S3Proxy
 * accepts only the keys the canned credentials endpoint hands out.
 */
@DisplayName("the command line's jar finds credentials through the AWS SDK default chain")
class CredentialsChainIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/vcon-importer";

  @TempDir Path work;

  @Test
  @DisplayName("EKS web identity (IRSA): import with AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN")
  void webIdentity() throws IOException {
    String token =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dmNvbjppbXBvcnRlciJ9.c2ln";
    Path tokenFile = Files.writeString(work.resolve("token"), token);
    try (CannedCredentialsServer sts = CannedCredentialsServer.sts(ROLE, token)) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
      env.put("AWS_ROLE_ARN", ROLE);
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
      importAndFind(sts, env);
    }
  }

  @Test
  @DisplayName("ECS task role / EKS Pod Identity: import with AWS_CONTAINER_CREDENTIALS_FULL_URI")
  void containerCredentials() throws IOException {
    String authorization = "pod-identity-token-" + UUID.randomUUID();
    try (CannedCredentialsServer agent = CannedCredentialsServer.container(authorization)) {
      importAndFind(
          agent,
          Map.of(
              "AWS_CONTAINER_CREDENTIALS_FULL_URI",
              agent.endpoint() + "/v1/credentials",
              "AWS_CONTAINER_AUTHORIZATION_TOKEN",
              authorization));
    }
  }

  private void importAndFind(CannedCredentialsServer credentials, Map<String, String> env)
      throws IOException {
    S3ProxyServer s3 =
        S3ProxyServer.sharedForTemporaryCredentials(
            credentials.accessKeyId(), credentials.secretAccessKey());
    String bucket = s3.createBucket("vcon-cli-chain");
    String prefix = "chain-" + UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    Path vcon =
        Files.writeString(
            work.resolve(id + ".vcon"),
            "{\"vcon\":\"0.0.1\",\"uuid\":\"" + id + "\",\"created_at\":\"2024-01-15T10:00:00Z\"}");
    Path config =
        Files.writeString(
            work.resolve("config.yml"),
            "storages:\n"
                + "  archive:\n"
                + "    module: storage.s3\n"
                + "    options:\n"
                + "      aws_bucket: "
                + bucket
                + "\n"
                + "      aws_region: us-east-1\n"
                + "      endpoint_url: \""
                + s3.endpoint()
                + "\"\n"
                + "      s3_path: "
                + prefix
                + "\n");

    ChildJvm.Result run =
        ChildJvm.run(
            work,
            env,
            List.of(
                "-jar",
                System.getProperty("vcon.storage.cli.jar", "target/vcon-storage.jar"),
                "--config",
                config.toString(),
                "import",
                vcon.toString()));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("imported 1 of 1 files into archive");
    assertThat(credentials.issued()).as("credentials came from the canned endpoint").isPositive();
    try (S3Client raw = s3.rawClient()) {
      assertThat(
              raw.headObject(b -> b.bucket(bucket).key(prefix + "/2024/01/15/" + id + ".vcon"))
                  .contentLength())
          .isPositive();
    }
    assertThat(run.out() + run.err())
        .doesNotContain(credentials.secretAccessKey())
        .doesNotContain(credentials.sessionToken());
  }
}
