package io.vcon.storage.redis;

import io.vcon.storage.testsupport.EmbeddedRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.embedded.RedisServer;

/**
 * A 3-primary Redis Cluster of real redis-servers on loopback: each started with {@code cluster-enabled yes},
 * given a third of the 16384 slots with {@code CLUSTER ADDSLOTSRANGE}, introduced with {@code CLUSTER MEET}, and
 * waited for until every node reports {@code cluster_state:ok}; then a fourth node joins as the first primary's
 * replica ({@code CLUSTER REPLICATE}).
 */
final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

  private static final int NODES = 3;
  private static final long READY_TIMEOUT_MS = 20_000;

  private final List<RedisServer> servers = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private RedisClusterClient admin;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    for (int i = 0; i < NODES; i++) {
      int port = clusterPort();
      Path dir = Files.createTempDirectory("redis-cluster-" + port);
      servers.add(
          EmbeddedRedis.startServer(
              port,
              dir,
              List.of(
                  "cluster-enabled yes",
                  "cluster-config-file nodes.conf",
                  "cluster-node-timeout 2000")));
      ports.add(port);
    }
    int slotsPerNode = 16384 / NODES;
    for (int i = 0; i < NODES; i++) {
      int first = i * slotsPerNode;
      int last = i == NODES - 1 ? 16383 : first + slotsPerNode - 1;
      try (Jedis node = new Jedis("127.0.0.1", ports.get(i))) {
        node.sendCommand(
            Protocol.Command.CLUSTER, "ADDSLOTSRANGE", String.valueOf(first), String.valueOf(last));
        if (i > 0) {
          node.clusterMeet("127.0.0.1", ports.get(0));
        }
      }
    }
    awaitClusterOk();
    addReplicaOfFirstPrimary();
    admin =
        RedisClusterClient.builder()
            .nodes(Set.of(new HostAndPort("127.0.0.1", ports.get(0))))
            .build();
  }

  // A replica holds copies of its primary's keys: a scan that visited it too would list them twice.
  private void addReplicaOfFirstPrimary() throws Exception {
    int port = clusterPort();
    Path dir = Files.createTempDirectory("redis-cluster-" + port);
    servers.add(
        EmbeddedRedis.startServer(
            port,
            dir,
            List.of(
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout 2000")));
    String primaryId;
    try (Jedis primary = new Jedis("127.0.0.1", ports.get(0))) {
      primaryId = primary.clusterMyId();
    }
    ports.add(port);
    try (Jedis replica = new Jedis("127.0.0.1", port)) {
      replica.clusterMeet("127.0.0.1", ports.get(0));
      long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
      // REPLICATE needs the primary to be known first; retry until gossip has told the new node
      // about it.
      while (true) {
        try {
          replica.clusterReplicate(primaryId);
          break;
        } catch (JedisDataException e) {
          if (System.currentTimeMillis() > deadline) {
            throw e;
          }
          Thread.sleep(50); // polling a real server's state
        }
      }
      while (!replica.info("replication").contains("master_link_status:up")) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("replica on port " + port + " did not sync");
        }
        Thread.sleep(50); // polling a real server's state
      }
    }
    awaitClusterOk();
  }

  private void awaitClusterOk() throws InterruptedException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (true) {
      int ok = 0;
      for (int port : ports) {
        try (Jedis node = new Jedis("127.0.0.1", port)) {
          String info = node.clusterInfo();
          if (info.contains("cluster_state:ok")
              && info.contains("cluster_known_nodes:" + ports.size())) {
            ok++;
          }
        }
      }
      if (ok == ports.size()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "cluster on ports " + ports + " not ok after " + READY_TIMEOUT_MS + " ms");
      }
      Thread.sleep(50); // polling a real server's state, not waiting for time to pass
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (admin != null) {
      admin.close();
    }
    servers.forEach(RedisServer::stop);
  }

  int seedPort() {
    return ports.get(0);
  }

  /** The port of primary {@code i} (0 to 2), which owns slots {@code [i * 5461, (i + 1) * 5461)} (the last: to 16383). */
  int primaryPort(int i) {
    return ports.get(i);
  }

  RedisClusterClient admin() {
    return admin;
  }

  // The cluster bus listens on port + 10000: both must be free.
  private static int clusterPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 50_000);
      if (free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
