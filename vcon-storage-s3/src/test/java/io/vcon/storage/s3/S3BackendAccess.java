package io.vcon.storage.s3;

import io.vcon.storage.tck.BackendAccess;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The kit's direct look at a bucket: a plain SDK client, no store, the keys as vcon-server's boto3
 * sees them.
 */
final class S3BackendAccess implements BackendAccess {

  private final S3Client client;
  private final String bucket;

  /** Over {@code client}, which this access closes. */
  S3BackendAccess(S3Client client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  @Override
  public Optional<byte[]> read(String key) {
    try {
      return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** A PUT without metadata, as vcon-server's {@code put_object} writes. */
  @Override
  public void write(String key, byte[] body) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
  }

  @Override
  public List<String> list(String keyPrefix) {
    return client
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  @Override
  public void close() {
    client.close();
  }
}
