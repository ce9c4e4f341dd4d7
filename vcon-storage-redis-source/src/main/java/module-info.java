/** Redis source (vCons as vcon-server keeps them), provider id {@code redis}. */
module io.vcon.storage.redis {
  requires transitive io.vcon.storage.api;
  requires redis.clients.jedis;

  exports io.vcon.storage.redis;

  provides io.vcon.storage.spi.VconSourceProvider with
      io.vcon.storage.redis.RedisVconSourceProvider;
}
