package io.vcon.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vcon.storage.api.BackendException;
import io.vcon.storage.api.InvalidVconException;
import io.vcon.storage.api.Vcon;
import io.vcon.storage.api.VconId;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.testsupport.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.JedisClusterCRC16;

@DisplayName("RedisVconSource against a Redis Cluster of 3 primaries and a replica")
class RedisClusterTest {

  @RegisterExtension static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

  private RedisSourceConfig.Builder config() {
    return RedisSourceConfig.builder().url("redis://127.0.0.1:" + CLUSTER.seedPort()).cluster(true);
  }

  @Test
  @DisplayName(
      "reads, SCANs every primary (not the replica) and lists the sorted set through the cluster"
          + " client")
  void readsAndLists() {
    String prefix = "c" + SampleVcons.newId().substring(0, 8) + ":";
    String set = prefix + "vcons";
    long base = 1_705_000_000L;
    List<Vcon> vcons = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Vcon v = SampleVcons.vcon("2024-01-15T10:00:00Z");
      vcons.add(v);
      CLUSTER.admin().set((prefix + v.id()).getBytes(StandardCharsets.UTF_8), v.bytes());
      CLUSTER.admin().zadd(set, base + i, v.id().value());
    }
    try (RedisVconSource source =
        RedisVconSource.create(config().keyPrefix(prefix).sortedSet(set).build())) {
      assertThat(source.name())
          .isEqualTo("redis://127.0.0.1:" + CLUSTER.seedPort() + "/0 (cluster)");
      for (Vcon v : vcons) {
        assertThat(source.read(v.id())).contains(v);
      }
      List<String> scanned;
      try (Stream<VconId> ids = source.ids()) {
        scanned = ids.map(VconId::value).toList();
      }
      // The first primary's replica holds copies of a third of the keys: they must not be listed
      // twice.
      assertThat(scanned).doesNotHaveDuplicates();
      assertThat(Set.copyOf(scanned))
          .isEqualTo(vcons.stream().map(v -> v.id().value()).collect(Collectors.toSet()));
      assertThat(
              source.idsCreatedBetween(
                  Instant.ofEpochSecond(base + 10), Instant.ofEpochSecond(base + 13)))
          .containsExactly(vcons.get(10).id(), vcons.get(11).id(), vcons.get(12).id());
    }
  }

  @Test
  @DisplayName("errors carry the key and the cluster's name")
  void errors() {
    String id = SampleVcons.newId();
    CLUSTER.admin().hset("vcon:" + id, "a", "b");
    try (RedisVconSource source = RedisVconSource.create(config().build())) {
      assertThatThrownBy(() -> source.read(VconId.of(id)))
          .isInstanceOf(InvalidVconException.class)
          .hasMessageContaining("Redis key \"vcon:" + id + "\" in source redis://127.0.0.1:")
          .hasMessageContaining("(cluster) holds a Redis hash");
      assertThat(source.read(VconId.of(SampleVcons.newId()))).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a key in a slot being migrated (ASK) is read through the cluster client's redirect, not the"
          + " pipeline")
  void migratingSlot() {
    // A key whose slot the second primary owns, so no replica is involved.
    VconId id;
    String key;
    do {
      id = VconId.of(SampleVcons.newId());
      key = "vcon:" + id;
    } while (JedisClusterCRC16.getSlot(key) < 5461 || JedisClusterCRC16.getSlot(key) >= 2 * 5461);
    int slot = JedisClusterCRC16.getSlot(key);
    Vcon vcon = SampleVcons.vcon(id.value(), "2024-01-15T10:00:00Z");
    VconId missing; // another key of the same slot, on neither node: about 16,384 tries of a cheap
    // hash
    do {
      missing = VconId.of(SampleVcons.newId());
    } while (JedisClusterCRC16.getSlot("vcon:" + missing) != slot);

    try (RedisVconSource source = RedisVconSource.create(config().build());
        Jedis from = new Jedis("127.0.0.1", CLUSTER.primaryPort(1));
        Jedis to = new Jedis("127.0.0.1", CLUSTER.primaryPort(2))) {
      // The source has learnt the slot map: slot -> second primary. Now the slot starts moving to
      // the third one,
      // and the key already lives there: the owner answers ASK, which only the cluster client
      // follows.
      to.sendCommand(
          Protocol.Command.CLUSTER,
          "SETSLOT",
          String.valueOf(slot),
          "IMPORTING",
          from.clusterMyId());
      from.sendCommand(
          Protocol.Command.CLUSTER, "SETSLOT", String.valueOf(slot), "MIGRATING", to.clusterMyId());
      try {
        to.asking();
        to.set(key.getBytes(StandardCharsets.UTF_8), vcon.bytes());

        assertThat(source.read(id)).contains(vcon);
        assertThat(source.read(missing)).isEmpty();
      } finally {
        to.asking();
        to.del(key);
        to.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", String.valueOf(slot), "STABLE");
        from.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", String.valueOf(slot), "STABLE");
      }
      // Settled again: read through the pipeline on the owner.
      CLUSTER.admin().set(key.getBytes(StandardCharsets.UTF_8), vcon.bytes());
      assertThat(source.read(id)).contains(vcon);
    }
  }

  @Test
  @DisplayName("an unreachable seed fails at create with a BackendException naming it")
  void unreachableSeed() {
    int port = LoopbackPorts.free();
    RedisSourceConfig config =
        RedisSourceConfig.builder()
            .url("redis://127.0.0.1:" + port)
            .cluster(true)
            .maxRetries(0)
            .build();
    assertThatThrownBy(() -> RedisVconSource.create(config))
        .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining(
            "Redis source redis://127.0.0.1:"
                + port
                + "/0 (cluster) is unreachable while "
                + "discovering the cluster's nodes from seed 127.0.0.1:"
                + port);
  }
}
