package io.vcon.storage.s3;

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
 * The store with no keys in its options, as deployed on AWS: the SDK's default credentials chain
 * finds them in the environment. Each case runs the save in a child JVM (the environment cannot
 * change in this one) against an S3Proxy that accepts only the temporary keys the canned
 * credentials endpoint hands out, so a save succeeds only if the chain went through that endpoint.
 * The library needs the SDK's {@code sts} module for web identity (a test dependency here;
 * docs/s3.md says which module each deployment needs).
 */
@DisplayName("the AWS SDK default credentials chain, end to end")
class DefaultCredentialsChainTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/vcon-writer";

  @TempDir Path dir;

  @Test
  @DisplayName(
      "EKS web identity (IRSA): AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, STS"
          + " AssumeRoleWithWebIdentity")
  void webIdentity() throws IOException {
    String token =
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6dmNvbjp3cml0ZXIifQ.c2ln";
    Path tokenFile = Files.writeString(dir.resolve("token"), token);
    try (CannedCredentialsServer sts = CannedCredentialsServer.sts(ROLE, token)) {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
      env.put("AWS_ROLE_ARN", ROLE);
      env.put("AWS_ROLE_SESSION_NAME", "vcon-storage-test");
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
      saveAndFind(sts, env);
    }
  }

  @Test
  @DisplayName(
      "ECS task role / EKS Pod Identity: AWS_CONTAINER_CREDENTIALS_FULL_URI with an authorization"
          + " token")
  void containerCredentials() {
    String authorization = "pod-identity-token-" + UUID.randomUUID();
    try (CannedCredentialsServer agent = CannedCredentialsServer.container(authorization)) {
      Map<String, String> env =
          Map.of(
              "AWS_CONTAINER_CREDENTIALS_FULL_URI",
              agent.endpoint() + "/v1/credentials",
              "AWS_CONTAINER_AUTHORIZATION_TOKEN",
              authorization);
      saveAndFind(agent, env);
    }
  }

  private void saveAndFind(CannedCredentialsServer credentials, Map<String, String> env) {
    S3ProxyServer s3 =
        S3ProxyServer.sharedForTemporaryCredentials(
            credentials.accessKeyId(), credentials.secretAccessKey());
    String bucket = s3.createBucket("vcon-chain");
    String prefix = "chain-" + UUID.randomUUID();
    String id = UUID.randomUUID().toString();

    ChildJvm.Result run =
        ChildJvm.run(
            dir,
            env,
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                SaveWithDefaultChain.class.getName(),
                s3.endpoint().toString(),
                bucket,
                prefix,
                id));

    assertThat(run.exitCode()).as(run.toString()).isZero();
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
